package org.mcalab.protocol.cstp;

/**
 * The names of the CONNECT exchange, spelled exactly as openconnect 9.01 writes and compares them: it matches the
 * answer's names case-sensitively (docs/protocol.md §8.3), so a gateway must write these spellings and a client must
 * look them up with them. Request headers: §8.2; answer headers: §8.4 and §10.1.
 */
public final class ConnectHeaders {
    /** The fixed CONNECT target (docs/protocol.md §4.2). */
    public static final String TUNNEL_PATH = "/CSCOSSLC/tunnel";
    /** The session cookie's name; on CONNECT openconnect sends only this cookie (docs/protocol.md §4.5). */
    public static final String SESSION_COOKIE = "webvpn";

    public static final String X_CSTP_VERSION = "X-CSTP-Version";
    public static final String X_CSTP_HOSTNAME = "X-CSTP-Hostname";
    public static final String X_CSTP_BASE_MTU = "X-CSTP-Base-MTU";
    public static final String X_CSTP_MTU = "X-CSTP-MTU";
    public static final String X_CSTP_ADDRESS_TYPE = "X-CSTP-Address-Type";
    public static final String X_CSTP_ACCEPT_ENCODING = "X-CSTP-Accept-Encoding";

    public static final String X_CSTP_SERVER_NAME = "X-CSTP-Server-Name";
    public static final String X_CSTP_ADDRESS = "X-CSTP-Address";
    public static final String X_CSTP_NETMASK = "X-CSTP-Netmask";
    public static final String X_CSTP_SPLIT_INCLUDE = "X-CSTP-Split-Include";
    public static final String X_CSTP_SPLIT_EXCLUDE = "X-CSTP-Split-Exclude";
    public static final String X_CSTP_DNS = "X-CSTP-DNS";
    public static final String X_CSTP_DEFAULT_DOMAIN = "X-CSTP-Default-Domain";
    public static final String X_CSTP_BANNER = "X-CSTP-Banner";
    public static final String X_CSTP_DPD = "X-CSTP-DPD";
    public static final String X_CSTP_KEEPALIVE = "X-CSTP-Keepalive";
    public static final String X_CSTP_IDLE_TIMEOUT = "X-CSTP-Idle-Timeout";
    public static final String X_CSTP_SESSION_TIMEOUT = "X-CSTP-Session-Timeout";
    public static final String X_CSTP_REKEY_METHOD = "X-CSTP-Rekey-Method";
    public static final String X_CSTP_DISCONNECTED_TIMEOUT = "X-CSTP-Disconnected-Timeout";
    public static final String X_CSTP_KEEP = "X-CSTP-Keep";
    public static final String X_CSTP_TCP_KEEPALIVE = "X-CSTP-TCP-Keepalive";
    public static final String X_CSTP_LICENSE = "X-CSTP-License";
    public static final String X_CSTP_CONTENT_ENCODING = "X-CSTP-Content-Encoding";

    public static final String X_DTLS_MASTER_SECRET = "X-DTLS-Master-Secret";
    public static final String X_DTLS_CIPHER_SUITE = "X-DTLS-CipherSuite";
    public static final String X_DTLS12_CIPHER_SUITE = "X-DTLS12-CipherSuite";
    public static final String X_DTLS_SESSION_ID = "X-DTLS-Session-ID";
    public static final String X_DTLS_APP_ID = "X-DTLS-App-ID";
    public static final String X_DTLS_PORT = "X-DTLS-Port";
    public static final String X_DTLS_DPD = "X-DTLS-DPD";
    public static final String X_DTLS_KEEPALIVE = "X-DTLS-Keepalive";
    public static final String X_DTLS_MTU = "X-DTLS-MTU";

    /** Why a CONNECT was refused (docs/protocol.md §8.6). */
    public static final String X_REASON = "X-Reason";

    private ConnectHeaders() {
    }
}
