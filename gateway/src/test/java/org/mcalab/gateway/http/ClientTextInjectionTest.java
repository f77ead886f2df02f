package org.mcalab.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.mcalab.gateway.Gateway;
import org.mcalab.gateway.RunningGateway;
import org.mcalab.gateway.it.Lab;
import org.mcalab.gateway.it.McaLogin;
import org.mcalab.gateway.it.TlsHttpClient;
import org.mcalab.gateway.trace.DebugCategory;
import org.mcalab.protocol.xml.ConfigAuthParser;

/**
 * Issue 14 #10: {@code &#10;} inside {@code <group-select>} used to forge a trace line, and an XML 1.1 character
 * reference put an ESC on the operator's console. Client text is now shown escaped, in the trace and on the console.
 */
class ClientTextInjectionTest {
    private static final String FORGED = "12:00:00.000 [aggregate-auth ssl] [1] Send auth complete";

    @Test
    void newlinesAndEscapesInGroupSelectCannotForgeOrDriveTheConsole() throws Exception {
        Lab lab = Lab.shared();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (RunningGateway g = Gateway.start(lab.options().debug(EnumSet.allOf(DebugCategory.class))
                .traceOut(new PrintStream(console, true, StandardCharsets.UTF_8)).build())) {
            String xml10 = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<config-auth client=\"vpn\" type=\"init\">"
                    + "<version who=\"vpn\">9.01</version><group-select>ANYCONNECT-MCA&#10;" + FORGED + "</group-select>"
                    + "</config-auth>";
            String xml11 = "<?xml version=\"1.1\" encoding=\"UTF-8\"?>\n<config-auth client=\"vpn\" type=\"init\">"
                    + "<version who=\"vpn\">9.01</version><group-select>X&#x1b;[2J&#x1b;]0;owned&#x7;</group-select>"
                    + "</config-auth>";
            for (String body : new String[] {xml10, xml11}) {
                try (TlsHttpClient c = TlsHttpClient.connect(lab.tls(null), g.port())) {
                    TlsHttpClient.Response r = c.post("/", body.getBytes(StandardCharsets.UTF_8));
                    assertThat(ConfigAuthParser.parse(r.body()).errors()).singleElement().asString().startsWith("MCA-FLOW-1: ");
                }
            }
            // the gateway keeps serving (and the console shows a normal login normally)
            assertThat(ConfigAuthParser.parse(new McaLogin(lab, g.port()).login("machine", "user").body()).authId())
                    .isEqualTo("success");
        }
        String printed = console.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("\\x0a" + FORGED, "X\\x1b[2J\\x1b]0;owned\\x07").doesNotContain("\u001b", "\u0007");
        assertThat(printed.lines()).noneMatch(l -> l.startsWith(FORGED));
    }
}
