package org.mcalab.gateway.it;

import java.io.IOException;
import java.security.Signature;
import java.util.List;
import org.mcalab.fixtures.Credential;
import org.mcalab.fixtures.Pkcs7;
import org.mcalab.protocol.xml.ClientMessages;
import org.mcalab.protocol.xml.ConfigAuth;
import org.mcalab.protocol.xml.ConfigAuthParser;

/** Plays openconnect's MCA dialogue against a gateway: init on one TLS connection, the signed reply on another. */
public final class McaLogin {
    public static final ClientMessages.ClientInfo OPENCONNECT = ClientMessages.ClientInfo.openconnectLinux(true);

    private final Lab lab;
    private final int port;

    public McaLogin(Lab lab, int port) {
        this.lab = lab;
        this.port = port;
    }

    public TlsHttpClient.Response init(String tlsCredential, String path, ClientMessages.ClientInfo client) throws IOException {
        try (TlsHttpClient c = TlsHttpClient.connect(lab.tls(tlsCredential), port)) {
            return c.post(path, ClientMessages.init(client, "https://127.0.0.1:" + port + path, null, false));
        }
    }

    /** The auth-reply openconnect would send: PKCS#7 of the user chain, SHA-512 signature over the exact request bytes. */
    public byte[] reply(byte[] authRequestBody, String userCredential) throws Exception {
        Credential user = lab.credential(userCredential);
        ConfigAuth request = ConfigAuthParser.parse(authRequestBody);
        String alg = user.privateKey().getAlgorithm().equals("EC") ? "SHA512withECDSA" : "SHA512withRSA";
        Signature s = Signature.getInstance(alg);
        s.initSign(user.privateKey());
        s.update(authRequestBody);
        String sig = ClientMessages.base64Lines(s.sign());
        String p7 = ClientMessages.base64Lines(Pkcs7.certsOnly(user.chain()));
        return ClientMessages.mcaAuthReply(OPENCONNECT, request.opaqueXml(), List.of(
                ClientMessages.Chain.viaTls("1M"),
                new ClientMessages.Chain("1U", false, p7, "sha512", sig)));
    }

    public TlsHttpClient.Response send(String tlsCredential, String path, byte[] body) throws IOException {
        try (TlsHttpClient c = TlsHttpClient.connect(lab.tls(tlsCredential), port)) {
            return c.post(path, body);
        }
    }

    /** init + reply on two connections, as openconnect with -c does. */
    public TlsHttpClient.Response login(String machine, String user) throws Exception {
        TlsHttpClient.Response challenge = init(machine, "/MCA", OPENCONNECT);
        return send(machine, "/MCA", reply(challenge.body(), user));
    }
}
