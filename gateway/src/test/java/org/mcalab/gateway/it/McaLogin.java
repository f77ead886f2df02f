package org.mcalab.gateway.it;

import java.io.IOException;
import org.mcalab.client.mca.UserCertificate;
import org.mcalab.protocol.xml.ClientMessages;
import org.mcalab.protocol.xml.ConfigAuthParser;

/**
 * Plays openconnect's MCA dialogue against a gateway over {@link TlsHttpClient} (raw bytes, for the gateway's own
 * tests): init on one TLS connection, the signed reply on another; the bodies come from the client's
 * {@link org.mcalab.client.mca.McaLogin}.
 */
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
            return c.post(path, client(client, path).init());
        }
    }

    /** The auth-reply openconnect would send, built by the client's one MCA login. */
    public byte[] reply(byte[] authRequestBody, String userCredential) throws Exception {
        return client(OPENCONNECT, "/MCA").draft(ConfigAuthParser.parse(authRequestBody), authRequestBody,
                UserCertificate.of(lab.credential(userCredential))).bytes();
    }

    private org.mcalab.client.mca.McaLogin client(ClientMessages.ClientInfo client, String path) {
        return new org.mcalab.client.mca.McaLogin(client, "https://127.0.0.1:" + port + path, null);
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
