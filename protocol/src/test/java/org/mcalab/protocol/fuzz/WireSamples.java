package org.mcalab.protocol.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The fuzzers' seed corpus (not "the seed" document): messages in the shapes of docs/protocol.md §13 (§13.1 init,
 * §13.2 MCA auth-request, §13.3 MCA auth-reply with its base64 cut short), ocserv's password form, reply and
 * complete (§5.4, §5.6), plus the fragments a hostile client would splice in.
 */
final class WireSamples {
    static final String INIT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <config-auth client="vpn" type="init" aggregate-auth-version="2"><version who="vpn">v9.01-3</version>\
            <device-id>linux-64</device-id><capabilities><auth-method>single-sign-on-v2</auth-method>\
            <auth-method>single-sign-on-external-browser</auth-method><auth-method>multiple-cert</auth-method>\
            </capabilities><group-access>https://127.0.0.1:8443/</group-access></config-auth>
            """;

    static final String MCA_REQUEST = """
            <?xml version="1.0" encoding="UTF-8"?>
            <config-auth client="vpn" type="auth-request" aggregate-auth-version="2">
            <opaque is-for="sg">
            <tunnel-group>LAB</tunnel-group>
            <aggauth-handle>424242</aggauth-handle>
            <auth-method>multiple-cert</auth-method>
            <config-hash>1595829378234</config-hash>
            </opaque>
            <multiple-client-cert-request>
            <hash-algorithm>sha256</hash-algorithm><hash-algorithm>sha384</hash-algorithm><hash-algorithm>sha512</hash-algorithm>
            </multiple-client-cert-request>
            <random>3F0C8E8F1E2D3C4B5A69788796A5B4C3D2E1F00112233445566778899AABBCCDD</random>
            <cert-authenticated></cert-authenticated>
            </config-auth>
            """;

    static final String MCA_REPLY = """
            <?xml version="1.0" encoding="UTF-8"?>
            <config-auth client="vpn" type="auth-reply" aggregate-auth-version="2"><version who="vpn">v9.01-3</version>\
            <device-id>linux-64</device-id><capabilities><auth-method>multiple-cert</auth-method></capabilities>\
            <session-token/><session-id/><opaque is-for="sg">
            <tunnel-group>LAB</tunnel-group>
            <aggauth-handle>424242</aggauth-handle>
            <auth-method>multiple-cert</auth-method>
            <config-hash>1595829378234</config-hash>
            </opaque><auth><client-cert-chain cert-store="1M"><client-cert-sent-via-protocol/></client-cert-chain>\
            <client-cert-chain cert-store="1U"><client-cert cert-format="pkcs7">MIIGmgYJKoZIhvcNAQcCoIIGizCCBocCAQExADALBgkqhkiG9w0BBwWgggZvMIID
            5z7w2ZZ2uiJ8X7TcMQA=</client-cert><client-cert-auth-signature hash-algorithm-chosen="sha512">SbkK0AHvoilV7Knj7k8l3BYx4O5HYqGtQAqOiIOjcoCYXhTSqrtrVz5UDcaWHi+x
            QjTUxhgF2BKudVGHh6gkjg==</client-cert-auth-signature></client-cert-chain></auth></config-auth>
            """;

    static final String PASSWORD_FORM = """
            <?xml version="1.0" encoding="UTF-8"?>
            <config-auth client="vpn" type="auth-request">
            <version who="sg">0.1(1)</version>
            <auth id="main">
            <message>Please enter your username.</message>
            <form method="post" action="/auth">
            <input type="text" name="username" label="Username:" />
            </form></auth>
            </config-auth>
            """;

    static final String PASSWORD_REPLY = """
            <?xml version="1.0" encoding="UTF-8"?>
            <config-auth client="vpn" type="auth-reply" aggregate-auth-version="2"><version who="vpn">v9.01-3</version>\
            <device-id>linux-64</device-id><capabilities><auth-method>single-sign-on-v2</auth-method></capabilities>\
            <auth><username>test</username></auth></config-auth>
            """;

    static final String COMPLETE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <config-auth client="vpn" type="complete">
            <version who="sg">0.1(1)</version>
            <auth id="success">
            <title>SSL VPN Service</title><banner>Welcome to the lab</banner></auth></config-auth>
            """;

    static final List<String> MESSAGES = List.of(INIT, MCA_REQUEST, MCA_REPLY, PASSWORD_FORM, PASSWORD_REPLY, COMPLETE);

    /** What a hostile or broken client splices into a document. */
    static final List<String> FRAGMENTS = List.of(
            "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>",
            "<!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                    + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>",
            "&e;", "&c;", "&lol9;", "&amp;", "&#0;", "&#x110000;", "&#65;",
            "<![CDATA[", "]]>", "<!--", "-->", "<?pi data?>", "<?xml version=\"1.1\"?>",
            "<config-auth>", "</config-auth>", "<config-auth type=\"init\" type=\"init\">",
            "<capabilities><auth-method>multiple-cert</auth-method></capabilities>",
            "<client-cert-chain cert-store=\"1U\"><client-cert cert-format=\"pkcs7\">AAAA</client-cert></client-cert-chain>",
            "<opaque is-for=\"sg\"><aggauth-handle>1</aggauth-handle></opaque>",
            "<a>".repeat(40), "</a>".repeat(40), "<x/>".repeat(300),
            "<x:y xmlns:x=\"urn:x\">", "\u0000", "\uFFFE", "\uD83D\uDE00", "\r\n", "\"", "'", "<", ">", "=",
            "\u00e9\u00e8");

    /** Invalid UTF-8 sequences, spliced as raw bytes. */
    static final List<byte[]> RAW_FRAGMENTS = List.of(
            new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF, (byte) 0xFE}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});

    private WireSamples() {}

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
