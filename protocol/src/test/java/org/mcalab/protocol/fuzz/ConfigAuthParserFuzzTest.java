package org.mcalab.protocol.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.mcalab.protocol.Requirement;
import org.mcalab.protocol.xml.ConfigAuth;
import org.mcalab.protocol.xml.ConfigAuthException;
import org.mcalab.protocol.xml.ConfigAuthParser;

/**
 * MCA-ROB-1 for the config-auth parser: whatever bytes arrive, the only failure is a
 * {@link ConfigAuthException} carrying MCA-ROB-1; nothing hangs; and what a parse keeps is bounded by the
 * input (no entity expansion or other amplification can grow memory beyond the body's size).
 */
class ConfigAuthParserFuzzTest {

    /** Parses under a deadline; returns the document, or null when the parser refused it with the typed error. */
    static ConfigAuth parseOrRefuse(byte[] body) throws Exception {
        return Bounded.call(() -> {
            try {
                return ConfigAuthParser.parse(body);
            } catch (ConfigAuthException e) {
                assertThat(e.refusal().requirement()).isEqualTo(Requirement.MCA_ROB_1);
                assertThat(e.getMessage()).startsWith("MCA-ROB-1: ");
                return null;
            }
        });
    }

    @Property(tries = 3000)
    void arbitraryBytesOnlyEverGiveTheTypedError(@ForAll @Size(max = 2048) byte[] body) throws Exception {
        ConfigAuth parsed = parseOrRefuse(body);
        if (parsed != null) {
            assertBoundedBy(parsed, body);
        }
    }

    @Property(tries = 3000)
    void mutatedCapturesOnlyEverGiveTheTypedError(@ForAll("captures") byte[] seed,
                                                  @ForAll @Size(min = 1, max = 6) List<@net.jqwik.api.From("edits") Edit> edits)
            throws Exception {
        byte[] body = Edit.applyAll(seed, edits);
        ConfigAuth parsed = parseOrRefuse(body);
        if (parsed != null) {
            assertBoundedBy(parsed, body);
        }
    }

    /** Printable-ASCII XML-ish noise reaches deeper parser states than random bytes do. */
    @Property(tries = 2000)
    void xmlShapedNoiseOnlyEverGivesTheTypedError(@ForAll("xmlNoise") String text) throws Exception {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        ConfigAuth parsed = parseOrRefuse(body);
        if (parsed != null) {
            assertBoundedBy(parsed, body);
        }
    }

    /** MCA-FLOW-8 survives fuzzing of order: repeated capabilities and shuffled methods still advertise multiple-cert. */
    @Property(tries = 500)
    void repeatedAndShuffledCapabilitiesStillAdvertiseMultipleCert(@ForAll @IntRange(min = 1, max = 5) int repeats,
                                                                   @ForAll @Size(max = 6) List<@net.jqwik.api.From("methodNames") String> others,
                                                                   @ForAll long shuffleSeed) throws Exception {
        List<String> methods = new ArrayList<>(others);
        methods.add("multiple-cert");
        Collections.shuffle(methods, new java.util.Random(shuffleSeed));
        StringBuilder caps = new StringBuilder();
        for (int i = 0; i < repeats; i++) {
            caps.append("<capabilities>");
            for (String m : methods) {
                caps.append("<auth-method>").append(m).append("</auth-method>");
            }
            caps.append("</capabilities>");
        }
        String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<config-auth client=\"vpn\" type=\"init\">"
                + "<version who=\"vpn\">v9.01-3</version>" + caps + "</config-auth>";
        ConfigAuth parsed = parseOrRefuse(body.getBytes(StandardCharsets.UTF_8));
        assertThat(parsed).isNotNull();
        assertThat(parsed.advertises("multiple-cert")).isTrue();
        assertThat(parsed.capabilitiesElements()).isEqualTo(repeats);
        assertThat(parsed.authMethods()).hasSize(repeats * methods.size());
    }

    @Example
    void everyCaptureParsesAsCaptured() throws Exception {
        for (String m : WireSamples.MESSAGES) {
            assertThat(parseOrRefuse(WireSamples.bytes(m))).as(m).isNotNull();
        }
        ConfigAuth reply = parseOrRefuse(WireSamples.bytes(WireSamples.MCA_REPLY));
        assertThat(reply.opaque().aggauthHandle()).isEqualTo("424242");
        assertThat(reply.certChains()).hasSize(2);
        assertThat(reply.certChains().get(1).hashAlgorithmChosen()).isEqualTo("sha512");
    }

    /** Billion laughs at several depths and an external entity: refused, never expanded. */
    @Example
    void entityBombsAreRefusedNotExpanded() throws Exception {
        for (int depth = 1; depth <= 12; depth++) {
            StringBuilder dtd = new StringBuilder("<!DOCTYPE l [<!ENTITY l0 \"lol\">");
            for (int i = 1; i <= depth; i++) {
                dtd.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
            }
            String body = "<?xml version=\"1.0\"?>" + dtd + "]><config-auth type=\"init\"><version>&l" + depth
                    + ";</version></config-auth>";
            assertThat(parseOrRefuse(body.getBytes(StandardCharsets.UTF_8))).isNull();
        }
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<config-auth type=\"init\"><version>&e;</version></config-auth>";
        assertThat(parseOrRefuse(xxe.getBytes(StandardCharsets.UTF_8))).isNull();
    }

    /** Above 64 KiB nothing is parsed at all, however the body looks. */
    @Property(tries = 20)
    void oversizeBodiesAreRefusedBeforeParsing(@ForAll @IntRange(min = 1, max = 4096) int extra) throws Exception {
        byte[] body = new byte[ConfigAuthParser.MAX_BODY_BYTES + extra];
        java.util.Arrays.fill(body, (byte) ' ');
        try {
            ConfigAuthParser.parse(body);
            throw new AssertionError("an oversize body was parsed");
        } catch (ConfigAuthException e) {
            assertThat(e.refusal().reason()).contains("exceeds");
        }
    }

    @Provide
    Arbitrary<byte[]> captures() {
        return Arbitraries.of(WireSamples.MESSAGES).map(WireSamples::bytes);
    }

    @Provide
    Arbitrary<Edit> edits() {
        return Edit.edits();
    }

    @Provide
    Arbitrary<String> methodNames() {
        return Arbitraries.of("single-sign-on-v2", "single-sign-on-external-browser", "password", "", "x".repeat(100));
    }

    @Provide
    Arbitrary<String> xmlNoise() {
        Arbitrary<String> token = Arbitraries.oneOf(
                Arbitraries.of("<", ">", "/", "=", "\"", "'", "&", ";", "!", "?", "[", "]", "-", " ", "\n", "#", ":"),
                Arbitraries.of("config-auth", "type", "init", "auth-reply", "opaque", "capabilities", "auth-method",
                        "client-cert-chain", "client-cert", "auth", "xml", "DOCTYPE", "ENTITY", "CDATA", "SYSTEM"),
                Arbitraries.of(WireSamples.FRAGMENTS));
        return Combinators.combine(Arbitraries.of(true, false), token.list().ofMaxSize(80).map(l -> String.join("", l)))
                .as((declared, s) -> declared ? "<?xml version=\"1.0\"?>" + s : s);
    }

    /** Everything the parse retains, in characters; must not exceed a small multiple of the input. */
    static void assertBoundedBy(ConfigAuth a, byte[] body) {
        long chars = 0;
        for (String s : new String[] {a.type(), a.aggregateAuthVersion(), a.version(), a.deviceId(), a.groupSelect(),
                a.groupAccess(), a.opaqueXml(), a.sessionToken(), a.sessionId(), a.random(), a.authId(), a.banner()}) {
            chars += s == null ? 0 : s.length();
        }
        for (List<String> l : List.of(a.authMethods(), a.hashAlgorithms(), a.errors(), a.formInputs())) {
            chars += l.stream().mapToLong(String::length).sum();
        }
        chars += a.authFields().entrySet().stream().mapToLong(e -> e.getKey().length() + (e.getValue() == null ? 0 : e.getValue().length())).sum();
        if (a.opaque() != null) {
            ConfigAuth.Opaque o = a.opaque();
            chars += len(o.isFor()) + len(o.tunnelGroup()) + len(o.aggauthHandle()) + len(o.configHash())
                    + o.authMethods().stream().mapToLong(String::length).sum();
        }
        for (ConfigAuth.ClientCertChain c : a.certChains()) {
            chars += len(c.certStore()) + len(c.certFormat()) + len(c.certBase64()) + len(c.hashAlgorithmChosen())
                    + len(c.signatureBase64());
        }
        // the opaque element is kept twice (fields and verbatim text); anything beyond that is amplification
        assertThat(chars).as("characters retained from a %d-byte body", body.length).isLessThanOrEqualTo(3L * body.length);
    }

    private static long len(String s) {
        return s == null ? 0 : s.length();
    }
}
