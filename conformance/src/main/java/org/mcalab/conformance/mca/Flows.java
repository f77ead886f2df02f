package org.mcalab.conformance.mca;

import org.mcalab.lab.GatewayUnderTest;
import org.mcalab.client.mca.Challenge;
import org.mcalab.client.mca.McaLogin;
import org.mcalab.client.mca.McaSigner;
import org.mcalab.client.mca.ReplyDraft;
import org.mcalab.client.mca.UserCertificate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.mcalab.fixtures.Credential;
import org.mcalab.protocol.Requirement;
import org.mcalab.protocol.xml.ClientMessages;
import org.mcalab.protocol.xml.ClientMessages.ClientInfo;
import org.mcalab.protocol.xml.ConfigAuth;
import org.mcalab.client.ClientIdentity;
import org.mcalab.client.HttpResponse;
import org.mcalab.lab.SessionView;

/** The client conversations the mutations are built from. */
final class Flows {
    /** Changes one thing in a reply draft: the client's {@link McaLogin.Hook}, as the mutations name it. */
    interface Tweak extends McaLogin.Hook {
        Tweak NONE = (d, ch) -> { };
    }

    private Flows() {}

    /** The well-behaved client of the attempt's profile. */
    static Observation standard(Attempt a) throws IOException {
        return switch (a.profile()) {
            case WINDOWS, LINUX -> mca(a, a.profile().clientInfo(), Tweak.NONE);
            case SINGLE_CERT -> certificate(a);
            case PASSWORD -> password(a, a.param(ClientParams.USERNAME), a.param(ClientParams.PASSWORD));
        };
    }

    static Observation mca(Attempt a, ClientInfo info, Tweak tweak) throws IOException {
        return mca(a, info, a.tls(), a.xml(), tweak);
    }

    /** init on one connection, answer on a fresh one (openconnect with -c), as the profile's client. */
    static Observation mca(Attempt a, ClientInfo info, Credential tls, Credential xml, Tweak tweak) throws IOException {
        ClientIdentity identity = a.identity(tls);
        Challenge challenge = a.init(identity, info, a.param(ClientParams.GROUP_SELECT), false);
        return answer(a, identity, info, challenge, xml, tweak);
    }

    static Observation answer(Attempt a, ClientIdentity identity, ClientInfo info, Challenge challenge, Credential xml,
                              Tweak tweak) throws IOException {
        if (!challenge.isMcaRequest()) {
            return Observation.of(challenge.response());
        }
        if (identity.present() && !challenge.doc().certAuthenticated()) {
            a.transcript().note("the MCA request has no cert-authenticated although a TLS certificate was sent "
                    + "(openconnect would re-init)");
        }
        if (xml != null) {
            a.transcript().certificate("XML (" + xml.identity().role().name().toLowerCase() + ", 1U)", xml.certificate());
        }
        ReplyDraft draft = a.login(info, null).draft(challenge, UserCertificate.of(xml), tweak);
        byte[] body = draft.bytes();
        draft.chains.stream().filter(c -> c.signedBytes != null && !c.viaTls).findFirst().ifPresent(c -> {
            a.transcript().markSigned(challenge.answerIndex(), c.signedBytes);
            a.transcript().note("signed " + c.signedBytes.length + " bytes with " + McaSigner.algorithm(c.key, c.digestHash)
                    + ", declared hash-algorithm-chosen=\"" + c.declaredHash + "\"");
        });
        return Observation.of(a.post(identity, a.path(), body, "auth-reply"));
    }

    /** The legacy certificate group: one TLS certificate, no multi-cert capability; expects complete right away. */
    static Observation certificate(Attempt a) throws IOException {
        Challenge challenge = a.init(a.tlsIdentity(), a.profile().clientInfo(), a.param(ClientParams.GROUP_SELECT), false);
        return Observation.of(challenge.response());
    }

    /**
     * Username and password. When the gateway sends no password form (an MCA group), the client posts the
     * credentials anyway: a fail-closed gateway still refuses (MCA-LIM-2).
     */
    static Observation password(Attempt a, String username, String password) throws IOException {
        ClientInfo info = a.profile().clientInfo();
        ClientIdentity identity = a.tlsIdentity();
        Challenge challenge = a.init(identity, info, a.param(ClientParams.GROUP_SELECT), false);
        ConfigAuth doc = challenge.doc();
        if (challenge.response().status() == 200 && doc != null && doc.formInputs().contains("password")) {
            byte[] reply = ClientMessages.passwordReply(info, doc.opaqueXml(), username, password, null);
            return Observation.of(a.post(identity, a.path(), reply, "auth-reply"));
        }
        Observation first = Observation.of(challenge.response());
        if (first.accepted()) {
            return first;
        }
        // The gateway offered no password form; a fail-closed gateway also refuses credentials posted anyway.
        a.transcript().note("no password form offered; posting the credentials anyway");
        byte[] reply = ClientMessages.passwordReply(info, doc == null ? null : doc.opaqueXml(), username, password, null);
        Observation anyway = Observation.of(a.post(identity, a.path(), reply, "auth-reply"));
        a.transcript().note("credentials posted without a form: " + anyway.code() + " (" + anyway.text() + ")");
        return anyway.accepted()
                ? first.withViolation("MCA-LIM-2: username and password posted without a form were accepted")
                : first.withViolations(anyway.violations());
    }

    /** What a CONNECT answer means: 401 is the protocol's refusal of a bad token (MCA-FLOW-7), 200 a tunnel. */
    static Observation tunnelAnswer(HttpResponse r, String token) {
        if (r.status() == 200) {
            return Observation.accept(token, "HTTP 200: CONNECT accepted, the tunnel came up");
        }
        String text = "HTTP " + r.status() + " " + r.reason() + " to CONNECT";
        if (r.status() == 401) {
            return Observation.reject(Requirement.MCA_FLOW_7, text + " (cookie rejected, as MCA-FLOW-7 requires)");
        }
        return Observation.reject(Requirement.citedIn(r.reason()).orElse(null), text);
    }

    /** The mapped username and tunnel group must come from the configuration, not from the client (MCA-PKI-7, MCA-FLOW-6). */
    static List<String> bindingViolations(Attempt a, Observation o, Credential tls) {
        List<String> v = new ArrayList<>();
        Optional<GatewayUnderTest.Sessions> sessions = a.target().gateway().sessions();
        if (!o.accepted() || sessions.isEmpty()) {
            return v;
        }
        Optional<SessionView> session = sessions.get().find(o.sessionToken());
        if (session.isEmpty()) {
            v.add("MCA-FLOW-6: no session record for the issued token");
            return v;
        }
        String expectedUser = tls == null ? null : commonName(tls.certificate());
        String expectedGroup = a.param(ClientParams.TUNNEL_GROUP);
        SessionView s = session.get();
        a.transcript().note("session: username=" + s.username() + ", tunnel-group=" + s.tunnelGroup()
                + ", group-policy=" + s.groupPolicy() + ", address=" + s.assignedIp());
        if (expectedUser != null && !expectedUser.equals(s.username())) {
            v.add("MCA-PKI-7: mapped username is '" + s.username() + "', expected '" + expectedUser
                    + "' (CN of the first certificate)");
        }
        if (!expectedGroup.equals(s.tunnelGroup())) {
            v.add("MCA-PKI-7: session tunnel group is '" + s.tunnelGroup() + "', expected '" + expectedGroup + "'");
        }
        return v;
    }

    static String commonName(X509Certificate certificate) {
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return rdn.getValue().toString();
                }
            }
        } catch (InvalidNameException e) {
            return null;
        }
        return null;
    }

    /** The challenge bytes with leading/trailing whitespace removed: what a careless gateway might verify against. */
    static byte[] trimmed(byte[] exact) {
        return new String(exact, StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8);
    }

    /** The challenge re-indented (two spaces before every element after the first line): same XML, other bytes. */
    static byte[] reindented(byte[] exact) {
        String text = new String(exact, StandardCharsets.UTF_8);
        return text.replace(">\n<", ">\n  <").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The opaque with its aggauth-handle set to {@code handle}; an opaque without a handle gets one, and a missing
     * opaque becomes one holding only the handle, so the gateway always sees a handle it never issued.
     */
    static String withHandle(Attempt a, String opaqueXml, String handle) {
        String element = "<aggauth-handle>" + handle + "</aggauth-handle>";
        if (opaqueXml == null || opaqueXml.isBlank()) {
            a.transcript().note("the MCA request had no opaque; the reply carries one holding only the handle " + handle);
            return "<opaque is-for=\"sg\">" + element + "</opaque>";
        }
        if (!opaqueXml.contains("<aggauth-handle>")) {
            a.transcript().note("the MCA request's opaque had no aggauth-handle; the reply adds " + handle);
            int close = opaqueXml.lastIndexOf("</opaque>");
            return close < 0 ? opaqueXml : opaqueXml.substring(0, close) + element + opaqueXml.substring(close);
        }
        return replaceElement(opaqueXml, "aggauth-handle", handle);
    }

    static String replaceElement(String xml, String element, String value) {
        return xml.replaceFirst("<" + element + ">[^<]*</" + element + ">", "<" + element + ">" + value + "</" + element + ">");
    }
}
