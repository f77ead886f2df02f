package org.mcalab.client.mca;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import org.mcalab.fixtures.Credential;
import org.mcalab.protocol.xml.ClientMessages;
import org.mcalab.protocol.xml.ClientMessages.ClientInfo;
import org.mcalab.protocol.xml.ConfigAuth;

/**
 * The MCA auth-reply the client is about to send, in editable parts; the well-behaved version is
 * {@link #standard}, mutations change one thing. Signatures are computed when the bytes are built.
 */
public final class ReplyDraft {
    public ClientInfo client;
    public String opaqueXml;
    public final List<ChainDraft> chains = new ArrayList<>();
    /** Extra XML put inside {@code <auth>} after the chains (username substitution attempts). */
    public String extraAuthXml = "";

    /** One {@code client-cert-chain}. */
    public static final class ChainDraft {
        public String certStore;
        public boolean viaTls;
        public List<X509Certificate> certificates = List.of();
        public boolean ciscoShape;
        public Pkcs7Builder.Order order = Pkcs7Builder.Order.CANONICAL;
        /** Replaces the PKCS#7 text entirely (garbled encodings). */
        public String pkcs7TextOverride;
        public PrivateKey key;
        public String declaredHash;
        public String digestHash;
        public byte[] signedBytes;
        public UnaryOperator<byte[]> signatureTamper = s -> s;
        public String signatureTextOverride;

        public static ChainDraft viaTls(String store) {
            ChainDraft c = new ChainDraft();
            c.certStore = store;
            c.viaTls = true;
            return c;
        }

        /** The openconnect chain for a user certificate: PKCS#7 of leaf + intermediates, signature over the challenge. */
        public static ChainDraft signed(String store, UserCertificate user, String hash, byte[] challenge) {
            ChainDraft c = new ChainDraft();
            c.certStore = store;
            c.certificates = user.chain();
            c.key = user.key();
            c.declaredHash = hash;
            c.digestHash = hash;
            c.signedBytes = challenge;
            return c;
        }

        /** As {@link #signed(String, UserCertificate, String, byte[])} for a minted credential. */
        public static ChainDraft signed(String store, Credential credential, String hash, byte[] challenge) {
            return signed(store, UserCertificate.of(credential), hash, challenge);
        }

        public ClientMessages.Chain build() {
            if (viaTls) {
                return ClientMessages.Chain.viaTls(certStore);
            }
            String pkcs7 = pkcs7TextOverride != null ? pkcs7TextOverride
                    : ClientMessages.base64Lines(Pkcs7Builder.build(certificates, ciscoShape, order));
            String signature = signatureTextOverride;
            if (signature == null && key != null) {
                signature = ClientMessages.base64Lines(signatureTamper.apply(McaSigner.sign(key, digestHash, signedBytes)));
            }
            return new ClientMessages.Chain(certStore, false, pkcs7, declaredHash, signature);
        }
    }

    /**
     * What openconnect sends: the 1M chain "sent via protocol", then the 1U chain with the user certificate's PKCS#7
     * and its signature over the exact challenge bytes with the preferred hash (sha512 when offered; sha256 when none
     * is, so that a gateway offering none still gets an answer to refuse).
     *
     * @param user null: the 1M chain only
     */
    public static ReplyDraft standard(ClientInfo client, ConfigAuth request, byte[] exactBytes, UserCertificate user) {
        ReplyDraft d = new ReplyDraft();
        d.client = client;
        d.opaqueXml = request.opaqueXml();
        d.chains.add(ChainDraft.viaTls("1M"));
        if (user != null) {
            String hash = McaSigner.preferredHash(request.hashAlgorithms()).orElse("sha256");
            d.chains.add(ChainDraft.signed("1U", user, hash, exactBytes));
        }
        return d;
    }

    /** As {@link #standard(ClientInfo, ConfigAuth, byte[], UserCertificate)} for a challenge and a minted credential. */
    public static ReplyDraft standard(ClientInfo client, Challenge challenge, Credential xml) {
        return standard(client, challenge.doc(), challenge.exactBytes(), UserCertificate.of(xml));
    }

    public ChainDraft userChain() {
        return chains.stream().filter(c -> !c.viaTls).findFirst()
                .orElseThrow(() -> new IllegalStateException("the reply has no XML certificate chain"));
    }

    public byte[] bytes() {
        List<ClientMessages.Chain> built = chains.stream().map(ChainDraft::build).toList();
        byte[] body = ClientMessages.mcaAuthReply(client, opaqueXml, built);
        if (extraAuthXml.isEmpty()) {
            return body;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        int at = text.lastIndexOf("</auth>");
        return (text.substring(0, at) + extraAuthXml + text.substring(at)).getBytes(StandardCharsets.UTF_8);
    }

    /** Standard base64 without line breaks, for overrides. */
    public static String base64(byte[] data) {
        return Base64.getEncoder().encodeToString(data);
    }
}
