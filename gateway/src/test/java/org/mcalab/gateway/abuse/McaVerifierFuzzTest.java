package org.mcalab.gateway.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.mcalab.fixtures.HeldCertificate;
import org.mcalab.fixtures.Pkcs7;
import org.mcalab.gateway.auth.AuthInfo;
import org.mcalab.gateway.auth.McaOutcome;
import org.mcalab.gateway.auth.McaPolicy;
import org.mcalab.gateway.auth.McaVerifier;
import org.mcalab.gateway.pki.TestPki;
import org.mcalab.gateway.trace.Trace;
import org.mcalab.protocol.Requirement;
import org.mcalab.protocol.xml.ClientMessages;
import org.mcalab.protocol.xml.ConfigAuth;
import org.mcalab.protocol.xml.ConfigAuthParser;
import org.mcalab.protocol.xml.GatewayMessages;

/**
 * The PKCS#7/base64 path of the MCA verifier under arbitrary and mutated input (MCA-PKI-4, MCA-PKI-5, MCA-LIM-6):
 * the verdict is always a value (Accepted or a Refused with a requirement id), never an exception or a hang, and an
 * Accepted verdict only ever carries the real user certificate and the real signature.
 */
class McaVerifierFuzzTest {
    private static final HeldCertificate MACHINE = TestPki.machineLeaf().build();
    private static final HeldCertificate USER = TestPki.userLeaf().build();
    private static final McaVerifier VERIFIER = new McaVerifier(TestPki.validator(Trace.NONE), McaPolicy.defaults(), Trace.NONE);
    private static final AuthInfo INFO = challenge();
    private static final byte[] PKCS7 = Pkcs7.certsOnly(USER.chainWithoutRoot());
    private static final String PKCS7_TEXT = ClientMessages.base64Lines(PKCS7);
    private static final byte[] SIGNATURE = sign(INFO.savedRequest());
    private static final String SIGNATURE_TEXT = ClientMessages.base64Lines(SIGNATURE);
    private static final ExecutorService WORKER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "verifier-fuzz");
        t.setDaemon(true);
        return t;
    });

    private static AuthInfo challenge() {
        byte[] random = new byte[32];
        new java.security.SecureRandom().nextBytes(random);
        String hex = HexFormat.of().withUpperCase().formatHex(random);
        byte[] request = GatewayMessages.mcaAuthRequest(new GatewayMessages.OpaqueState("ANYCONNECT-MCA", "424242424",
                "multiple-cert", "1595829378234"), GatewayMessages.MCA_HASHES, hex, true);
        return new AuthInfo("424242424", "ANYCONNECT-MCA", "127.0.0.1", request, GatewayMessages.MCA_HASHES, hex,
                "linux-64", null, Instant.now());
    }

    private static byte[] sign(byte[] data) {
        try {
            Signature s = Signature.getInstance("SHA512withRSA");
            s.initSign(USER.privateKey());
            s.update(data);
            return s.sign();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The verdict on a reply with these texts, under a deadline; asserts it is a well-formed value. */
    private static McaOutcome verdict(String pkcs7Text, String hash, String signatureText) throws Exception {
        byte[] reply = ClientMessages.mcaAuthReply(ClientMessages.ClientInfo.openconnectLinux(true),
                ConfigAuthParser.parse(INFO.savedRequest()).opaqueXml(), List.of(ClientMessages.Chain.viaTls("1M"),
                        new ClientMessages.Chain("1U", false, pkcs7Text, hash, signatureText)));
        ConfigAuth parsed = ConfigAuthParser.parse(reply);
        Future<McaOutcome> f = WORKER.submit(() -> VERIFIER.verify(INFO, parsed, MACHINE.chainWithoutRoot()));
        McaOutcome o;
        try {
            o = f.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            f.cancel(true);
            throw new AssertionError("the verifier did not decide within 10 s (hang)");
        }
        assertThat(o).isNotNull();
        if (o instanceof McaOutcome.Refused r) {
            assertThat(r.refusal().requirement()).isNotNull();
            assertThat(r.refusal().reason()).isNotBlank();
        } else {
            McaOutcome.Accepted a = (McaOutcome.Accepted) o;
            assertThat(a.second().leaf()).as("accepted only with the real user certificate").isEqualTo(USER.certificate());
            assertThat(a.username()).isEqualTo("MachineID.cisco.com");
        }
        return o;
    }

    @Example
    void theUnmutatedReplyIsAccepted() throws Exception {
        assertThat(verdict(PKCS7_TEXT, "sha512", SIGNATURE_TEXT)).isInstanceOf(McaOutcome.Accepted.class);
    }

    /**
     * Found by {@link #mutatedPkcs7DerGivesAVerdict}: one bit flipped in a certificate's issuer name turns a
     * PrintableString tag (0x13) into universal tag 17 (0x11). The JDK still parses the certificate, BouncyCastle
     * cannot parse the name; rendering it threw IllegalArgumentException and the gateway answered 500.
     */
    @Example
    void anIssuerAttributeWithAnUnknownTagIsRefusedNotAnInternalError() throws Exception {
        byte[] der = PKCS7.clone();
        int issuer = indexOf(der, USER.certificate().getIssuerX500Principal().getEncoded());
        assertThat(issuer).isNotNegative();
        // the first attribute value of the issuer: OID 2.5.4.x (06 03 55 04 xx), then its string tag
        int oid = indexOf(Arrays.copyOfRange(der, issuer, der.length), new byte[] {0x06, 0x03, 0x55, 0x04}) + issuer;
        assertThat(der[oid + 5]).isEqualTo((byte) 0x13);
        der[oid + 5] = 0x11;
        assertThat(verdict(ClientMessages.base64Lines(der), "sha512", SIGNATURE_TEXT)).isInstanceOf(McaOutcome.Refused.class);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Property(tries = 400)
    void mutatedPkcs7TextGivesAVerdict(@ForAll @Size(min = 1, max = 4) List<@From("textEdits") TextEdit> edits) throws Exception {
        String text = PKCS7_TEXT;
        for (TextEdit e : edits) {
            text = e.apply(text);
        }
        // Accepted only ever with the real user certificate (checked in verdict): the PKCS#7 wrapper itself is not
        // signed, so an edit outside the certificates (or whitespace) may still be accepted.
        verdict(text, "sha512", SIGNATURE_TEXT);
    }

    @Property(tries = 400)
    void mutatedPkcs7DerGivesAVerdict(@ForAll("derEdits") List<int[]> edits) throws Exception {
        byte[] der = PKCS7.clone();
        for (int[] e : edits) {
            der = applyByteEdit(der, e);
        }
        verdict(ClientMessages.base64Lines(der), "sha512", SIGNATURE_TEXT);
    }

    @Property(tries = 400)
    void arbitraryBytesAsPkcs7AreRefused(@ForAll @Size(max = 3000) byte[] der) throws Exception {
        McaOutcome o = verdict(ClientMessages.base64Lines(der), "sha512", SIGNATURE_TEXT);
        assertThat(o).isInstanceOf(McaOutcome.Refused.class);
    }

    @Property(tries = 300)
    void mutatedSignatureIsRefusedUnlessItDecodesToTheSameBytes(@ForAll @Size(min = 1, max = 4) List<@From("textEdits") TextEdit> edits)
            throws Exception {
        String text = SIGNATURE_TEXT;
        for (TextEdit e : edits) {
            text = e.apply(text);
        }
        McaOutcome o = verdict(PKCS7_TEXT, "sha512", text);
        if (o instanceof McaOutcome.Accepted) {
            assertThat(Base64.getMimeDecoder().decode(text)).isEqualTo(SIGNATURE);
        }
    }

    @Property(tries = 200)
    void anyHashNotOfferedIsRefusedWithLim6(@ForAll("hashNames") String hash) throws Exception {
        McaOutcome o = verdict(PKCS7_TEXT, hash, SIGNATURE_TEXT);
        if (!GatewayMessages.MCA_HASHES.contains(hash)) {
            assertThat(o).isInstanceOf(McaOutcome.Refused.class);
            assertThat(((McaOutcome.Refused) o).refusal().requirement()).isIn(Requirement.MCA_LIM_6, Requirement.MCA_FLOW_3);
        }
    }

    /** One edit of a base64 text: replace, insert or delete a character at a relative position. */
    record TextEdit(int kind, double at, char c) {
        String apply(String s) {
            int p = (int) Math.min(s.length(), Math.floor(at * s.length()));
            return switch (kind) {
                case 0 -> p < s.length() ? s.substring(0, p) + c + s.substring(p + 1) : s + c;
                case 1 -> s.substring(0, p) + c + s.substring(p);
                default -> p < s.length() ? s.substring(0, p) + s.substring(p + 1) : s;
            };
        }
    }

    @Provide
    Arbitrary<TextEdit> textEdits() {
        Arbitrary<Character> chars = Arbitraries.oneOf(Arbitraries.chars().with("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"),
                Arbitraries.of('=', '\n', '\r', ' ', '\t', '*', '%', '-', '_', '\u00e9', '<', '&'));
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.doubles().between(0, 1), chars).as(TextEdit::new);
    }

    /** {kind, position, value}: flip a bit, set a byte, truncate, or drop a byte. */
    @Provide
    Arbitrary<List<int[]>> derEdits() {
        return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, PKCS7.length - 1),
                Arbitraries.integers().between(0, 255)).as((k, p, v) -> new int[] {k, p, v}).list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<String> hashNames() {
        return Arbitraries.oneOf(Arbitraries.of("sha1", "md5", "SHA512", "sha-512", "sha256 ", "", "sha224", "none",
                "sha512 sha256", "sha384"),
                Arbitraries.strings().withCharRange('!', '~').ofMaxLength(20));
    }

    private static byte[] applyByteEdit(byte[] der, int[] e) {
        int p = Math.min(e[1], Math.max(0, der.length - 1));
        return switch (e[0]) {
            case 0 -> {
                byte[] d = der.clone();
                if (d.length > 0) {
                    d[p] ^= (byte) (1 << (e[2] % 8));
                }
                yield d;
            }
            case 1 -> {
                byte[] d = der.clone();
                if (d.length > 0) {
                    d[p] = (byte) e[2];
                }
                yield d;
            }
            case 2 -> Arrays.copyOf(der, p);
            default -> {
                if (der.length == 0) {
                    yield der;
                }
                byte[] d = new byte[der.length - 1];
                System.arraycopy(der, 0, d, 0, p);
                System.arraycopy(der, p + 1, d, p, der.length - p - 1);
                yield d;
            }
        };
    }
}
