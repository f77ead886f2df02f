package org.mcalab.client.mca;

import java.io.IOException;
import java.util.Optional;
import org.mcalab.client.ClientIdentity;
import org.mcalab.client.Connection;
import org.mcalab.client.GatewayClient;
import org.mcalab.client.HttpResponse;
import org.mcalab.protocol.xml.ClientMessages;
import org.mcalab.protocol.xml.ClientMessages.ClientInfo;
import org.mcalab.protocol.xml.ConfigAuth;
import org.mcalab.protocol.xml.ConfigAuthException;
import org.mcalab.protocol.xml.ConfigAuthParser;

/**
 * The one MCA login (docs/protocol.md §6), as openconnect 9.01 plays it: an init advertising the multiple-cert
 * capability, the gateway's auth-request (the challenge), the auth-reply with the 1M chain "sent via protocol" and
 * the 1U chain (PKCS#7 of the user certificate, signature over the challenge's exact bytes), then complete with the
 * session token.
 *
 * <p>The steps are free of I/O ({@link #init()}, {@link #answer}, {@link #draft}), so the blocking client, the
 * Gatling simulation and the Netty tunnel generator send the same bytes; {@link #run} drives them over
 * {@link GatewayClient}. A {@link Hook} is where a mutation changes the reply before it is sent.
 */
public final class McaLogin {
    /** Changes the well-behaved reply before it is sent; may talk to the gateway (e.g. to fetch another challenge). */
    @FunctionalInterface
    public interface Hook {
        Hook NONE = (draft, challenge) -> { };

        void apply(ReplyDraft draft, Challenge challenge) throws IOException;
    }

    /** What the client does with the gateway's answer to its init. */
    public sealed interface Answer {
        /** Send this auth-reply. */
        record Reply(byte[] body) implements Answer {}

        /** The init was answered with complete (a certificate-only group): no reply is sent. */
        record Complete(ConfigAuth doc) implements Answer {}

        /** The client cannot go on; {@code why} is the load generators' failure label. */
        record Refused(String why) implements Answer {}
    }

    /**
     * One blocking login: the challenge, the reply sent, the gateway's answer to it.
     *
     * @param reply null when the init was not answered with an MCA request (nothing was sent)
     */
    public record Result(Challenge challenge, byte[] reply, HttpResponse answer) {
        /** The session token of a complete answer: the XML's session-token, else the webvpn cookie. */
        public Optional<String> sessionToken() {
            try {
                ConfigAuth doc = ConfigAuthParser.parse(answer.body());
                if (doc.sessionToken() != null && !doc.sessionToken().isBlank()) {
                    return Optional.of(doc.sessionToken());
                }
            } catch (ConfigAuthException notXml) {
                return Optional.empty();
            }
            return answer.cookie("webvpn").filter(v -> !v.isBlank());
        }
    }

    private final ClientInfo client;
    private final String groupAccess;
    private final String groupSelect;

    /**
     * @param groupAccess the URL the init names, e.g. {@code https://127.0.0.1:8443/MCA} ({@link GatewayClient#groupAccess})
     * @param groupSelect the {@code <group-select>} (openconnect's --authgroup), or null
     */
    public McaLogin(ClientInfo client, String groupAccess, String groupSelect) {
        this.client = client;
        this.groupAccess = groupAccess;
        this.groupSelect = groupSelect;
    }

    /** openconnect 9.01 on Linux with the multiple-cert capability, no group-select. */
    public static McaLogin openconnect(String groupAccess) {
        return new McaLogin(ClientInfo.openconnectLinux(true), groupAccess, null);
    }

    public ClientInfo client() {
        return client;
    }

    /** The init openconnect posts first. */
    public byte[] init() {
        return init(false);
    }

    /** @param clientCertFail the init of a client whose TLS certificate could not be used */
    public byte[] init(boolean clientCertFail) {
        return ClientMessages.init(client, groupAccess, groupSelect, clientCertFail);
    }

    /** The well-behaved reply to an auth-request, in editable parts. @param user null: the 1M chain only */
    public ReplyDraft draft(ConfigAuth request, byte[] exactBytes, UserCertificate user) {
        return ReplyDraft.standard(client, request, exactBytes, user);
    }

    /** The reply to {@code challenge} after {@code hook} changed it. */
    public ReplyDraft draft(Challenge challenge, UserCertificate user, Hook hook) throws IOException {
        ReplyDraft draft = draft(challenge.doc(), challenge.exactBytes(), user);
        hook.apply(draft, challenge);
        return draft;
    }

    /**
     * What a well-behaved client answers to the body of an HTTP 200 to its init: the signed reply to an MCA request
     * offering one of openconnect's hashes; complete; or why it cannot go on.
     */
    public Answer answer(byte[] initAnswer, UserCertificate user) {
        ConfigAuth doc;
        try {
            doc = ConfigAuthParser.parse(initAnswer);
        } catch (ConfigAuthException e) {
            return new Answer.Refused("init: answer is not config-auth XML");
        }
        if ("success".equals(doc.authId())) {
            return new Answer.Complete(doc);
        }
        if (!doc.multipleCertRequest()) {
            return new Answer.Refused("init: no MCA auth-request (" + describe(doc) + ")");
        }
        if (McaSigner.preferredHash(doc.hashAlgorithms()).isEmpty()) {
            return new Answer.Refused("init: no sha256/384/512 offered");
        }
        return new Answer.Reply(draft(doc, initAnswer, user).bytes());
    }

    /**
     * The whole login over {@code gateway}: the init on one connection, the reply on a fresh one (openconnect -c),
     * both presenting {@code tls}.
     */
    public Result run(GatewayClient gateway, String path, String userAgent, ClientIdentity tls, UserCertificate user,
                      Hook hook) throws IOException {
        HttpResponse first;
        try (Connection c = gateway.open(tls)) {
            first = c.post(path, init(), userAgent, null);
        }
        ConfigAuth doc;
        try {
            doc = ConfigAuthParser.parse(first.body());
        } catch (ConfigAuthException e) {
            doc = null;
        }
        Challenge challenge = new Challenge(first, doc, -1);
        if (!challenge.isMcaRequest()) {
            return new Result(challenge, null, first);
        }
        byte[] reply = draft(challenge, user, hook).bytes();
        try (Connection c = gateway.open(tls)) {
            return new Result(challenge, reply, c.post(path, reply, userAgent, null));
        }
    }

    /** A config-auth answer in a few words, for failure labels: its first error, else its type and auth id. */
    public static String describe(ConfigAuth doc) {
        if (!doc.errors().isEmpty()) {
            String e = doc.errors().get(0);
            return "error: " + (e.length() > 80 ? e.substring(0, 80) + "..." : e);
        }
        return "type " + doc.type() + ", auth id " + doc.authId();
    }
}
