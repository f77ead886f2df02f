package org.mcalab.gateway.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mcalab.gateway.Gateway;
import org.mcalab.gateway.RunningGateway;
import org.mcalab.gateway.it.Lab;
import org.mcalab.gateway.it.McaLogin;
import org.mcalab.gateway.it.TlsHttpClient;
import org.mcalab.protocol.xml.ConfigAuth;
import org.mcalab.protocol.xml.ConfigAuthParser;

/**
 * Issue 14 #3 against a running gateway: auth-replies carrying a 60 KB handle used to keep every body (twice) in
 * the trace, 20,000 deep. Each event now keeps a cut copy, and the trace's retained bytes stay within its budget
 * however many arrive; the next well-behaved login is served and traced.
 */
@Tag("slow")
class TraceFloodTest {
    @Test
    void hugeHandlesCannotGrowTheTracePastItsBudget() throws Exception {
        Lab lab = Lab.shared();
        try (RunningGateway g = Gateway.start(lab.options().traceCapacity(1_000).build())) {
            String handle = "9".repeat(60_000);
            byte[] reply = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<config-auth client=\"vpn\" type=\"auth-reply\""
                    + " aggregate-auth-version=\"2\"><version who=\"vpn\">9.01</version><opaque is-for=\"sg\">"
                    + "<tunnel-group>ANYCONNECT-MCA</tunnel-group><aggauth-handle>" + handle + "</aggauth-handle></opaque>"
                    + "<auth><client-cert-chain cert-store=\"1M\"><client-cert-sent-via-protocol/></client-cert-chain></auth>"
                    + "</config-auth>").getBytes(StandardCharsets.UTF_8);
            TraceLog trace = g.trace();
            long most = 0;
            int flood = 60; // 3.6 MB of handles: over twice the 800 kB budget even after the cut
            try (TlsHttpClient c = TlsHttpClient.connect(lab.tls(null), g.port())) {
                for (int i = 0; i < flood; i++) {
                    ConfigAuth r = ConfigAuthParser.parse(c.post("/MCA", reply).body());
                    assertThat(r.errors()).singleElement().asString().startsWith("MCA-FLOW-5: unknown aggauth-handle 9999")
                            .hasSizeLessThan(120);
                    most = Math.max(most, trace.retainedBytes());
                }
            }
            assertThat(most).isLessThanOrEqualTo(trace.byteBudget());
            // fewer events than the 1,000 cap, so only the byte budget can have dropped the first ones
            assertThat(trace.lastSeq()).isLessThan(1_000);
            assertThat(trace.eventsSince(0).get(0).seq()).isGreaterThan(1);
            List<TraceEvent> received = trace.eventsSince(0).stream()
                    .filter(e -> e.message().startsWith("Received XML message")).toList();
            assertThat(received).isNotEmpty().allSatisfy(e -> assertThat(e.message())
                    .hasSizeLessThan(TraceLog.MAX_MESSAGE + 40).endsWith(" bytes cut)"));
            long mark = trace.lastSeq();
            ConfigAuth ok = ConfigAuthParser.parse(new McaLogin(lab, g.port()).login("machine", "user").body());
            assertThat(ok.authId()).isEqualTo("success");
            assertThat(trace.eventsSince(mark)).extracting(TraceEvent::message).contains("Send auth complete");
        }
    }
}
