package org.mcalab.client.mca;

import java.util.Locale;
import org.mcalab.protocol.ClientProfile;
import org.mcalab.protocol.xml.ClientMessages.ClientInfo;

/** Which client mcalab plays. */
public enum Profile {
    /** Cisco AnyConnect 4.4 on Windows: machine certificate in TLS (store 1M), user certificate in XML (1U). */
    WINDOWS(ClientProfile.ANYCONNECT_WINDOWS, true),
    /** openconnect 9.01 on Linux: two user certificates allowed, always labelled 1M/1U. */
    LINUX(ClientProfile.OPENCONNECT, true),
    /** openconnect with one TLS certificate, for the legacy {@code authentication certificate} group. */
    SINGLE_CERT(ClientProfile.OPENCONNECT, false),
    /** openconnect with username and password, for the {@code authentication aaa} group. */
    PASSWORD(ClientProfile.OPENCONNECT, false);

    private final ClientProfile wire;
    private final boolean multipleCert;

    Profile(ClientProfile wire, boolean multipleCert) {
        this.wire = wire;
        this.multipleCert = multipleCert;
    }

    /** The client family on the wire: User-Agent and request headers. */
    public ClientProfile wire() {
        return wire;
    }

    public String userAgent() {
        return wire.userAgent();
    }

    /** Whether the client advertises {@code multiple-cert} in its init. */
    public boolean multipleCert() {
        return multipleCert;
    }

    /** The init/auth-reply head (version, device-id, capabilities). */
    public ClientInfo clientInfo() {
        return this == WINDOWS ? ClientInfo.anyConnectWindows() : ClientInfo.openconnectLinux(multipleCert);
    }

    /** As spelled in the catalogue: windows, linux, single-cert, password. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Profile fromId(String id) {
        for (Profile p : values()) {
            if (p.id().equalsIgnoreCase(id.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown profile '" + id + "'; known: windows, linux, single-cert, password");
    }
}
