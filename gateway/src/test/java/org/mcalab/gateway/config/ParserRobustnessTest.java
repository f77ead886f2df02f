package org.mcalab.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever the text, the parser ends with a config or an {@link AsaConfigException}: never another
 * exception, never a hang (each line is visited once, so finishing every try is the termination check).
 */
class ParserRobustnessTest {
    private static final List<String> SEED = seedLines();

    /** Words the modes react to, so random lines often reach a command handler instead of "unknown". */
    private static final List<String> WORDS = List.of("ip", "local", "pool", "mask", "interface", "nameif", "security-level",
            "address", "object", "network", "subnet", "host", "access-list", "standard", "permit", "deny", "any4", "nat",
            "(inside,outside)", "source", "static", "destination", "crypto", "ca", "trustpoint", "certificate", "chain",
            "enrollment", "terminal", "crl", "configure", "revocation-check", "keypair", "quit", "webvpn", "enable",
            "anyconnect", "image", "ssl", "dtls", "keepalive", "dpd-interval", "client", "gateway", "mtu", "none",
            "group-policy", "internal", "attributes", "vpn-tunnel-protocol", "ssl-client", "split-tunnel-policy",
            "tunnelspecified", "split-tunnel-network-list", "value", "banner", "vpn-idle-timeout", "tunnel-group", "type",
            "remote-access", "general-attributes", "webvpn-attributes", "authentication", "multiple-certificate",
            "group-url", "group-alias", "username", "password", "privilege", "trust-point", "exit", "!", "3082",
            "30820385", "10.0.0.1", "10.0.0.1-10.0.0.9", "255.255.255.0", "0", "30", "99999999999", "-1", "https://h/X",
            "DfltGrpPolicy", "split", "P", "TG", "GP", "T", "username-from-certificate", "CN", "pbkdf2");

    @Property(tries = 200)
    void arbitraryTextParsesOrFailsTyped(@ForAll String text) {
        assertParsesOrFailsTyped(text);
    }

    @Property(tries = 300)
    void linesOfKnownWordsParseOrFailTyped(@ForAll("keywordLines") String text) {
        assertParsesOrFailsTyped(text);
    }

    @Property(tries = 300)
    void mutatedSeedLinesParseOrFailTyped(@ForAll("mutatedSeed") String text) {
        assertParsesOrFailsTyped(text);
    }

    private static void assertParsesOrFailsTyped(String text) {
        try {
            AsaConfig config = AsaConfigParser.parse(text);
            AsaConfigSummary.render(config);
            assertThat(config.groupPolicies()).containsKey(GroupPolicy.DEFAULT_NAME);
        } catch (AsaConfigException expected) {
            assertThat(expected.line()).isPositive();
            assertThat(expected.getMessage()).startsWith("line " + expected.line() + ": ");
        }
    }

    @Provide
    Arbitrary<String> keywordLines() {
        Arbitrary<String> word = Arbitraries.oneOf(Arbitraries.of(WORDS), Arbitraries.strings().ofMinLength(1).ofMaxLength(6)
                .withChars("abcXYZ0123456789.-/:()%,"));
        Arbitrary<String> line = Combinators.combine(Arbitraries.of("", " ", "  ", "\t"), word.list().ofMinSize(1).ofMaxSize(7))
                .as((indent, words) -> indent + String.join(" ", words));
        return line.list().ofMaxSize(40).map(lines -> String.join("\n", lines));
    }

    @Provide
    Arbitrary<String> mutatedSeed() {
        Arbitrary<Mutation> mutation = Combinators.combine(Arbitraries.integers().between(0, SEED.size() - 1),
                Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 8),
                Arbitraries.oneOf(Arbitraries.of(WORDS), Arbitraries.strings().ofMaxLength(10)))
                .as(Mutation::new);
        return mutation.list().ofMinSize(1).ofMaxSize(6).map(mutations -> {
            List<String> lines = new ArrayList<>(SEED);
            for (Mutation m : mutations) {
                m.apply(lines);
            }
            return String.join("\n", lines);
        });
    }

    private record Mutation(int line, int kind, int wordIndex, String replacement) {
        void apply(List<String> lines) {
            if (lines.isEmpty()) {
                return;
            }
            int at = line % lines.size();
            List<String> words = new ArrayList<>(List.of(lines.get(at).strip().split("\\s+")));
            int w = wordIndex % words.size();
            switch (kind) {
                case 0 -> lines.remove(at);
                case 1 -> lines.add(at, lines.get(at));
                case 2 -> {
                    words.remove(w);
                    lines.set(at, String.join(" ", words));
                }
                case 3 -> {
                    words.set(w, replacement);
                    lines.set(at, String.join(" ", words));
                }
                case 4 -> lines.set(at, " " + lines.get(at));
                default -> {
                    words.add(w, replacement);
                    lines.set(at, String.join(" ", words));
                }
            }
        }
    }

    private static List<String> seedLines() {
        try {
            return Files.readAllLines(Path.of("src/test/resources/config/seed-running-config.txt"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
