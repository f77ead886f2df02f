package org.mcalab.protocol.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HostileXmlTest {
    private static final String GROUP = "https://127.0.0.1:8443/MCA";

    @ParameterizedTest
    @EnumSource(HostileXml.class)
    void everyHostileBodyIsRefusedByTheParserCitingMcaRob1(HostileXml xml) {
        assertThatThrownBy(() -> ConfigAuthParser.parse(xml.body(GROUP))).isInstanceOf(ConfigAuthException.class)
                .hasMessageStartingWith("MCA-ROB-1: ");
    }

    @Test
    void theBodiesCarryWhatTheirNamesSay() {
        assertThat(HostileXml.OVERSIZED.body(GROUP).length).isGreaterThan(64 * 1024);
        assertThat(new String(HostileXml.XXE.body(GROUP), StandardCharsets.UTF_8)).contains("file:///etc/passwd")
                .contains("<group-access>" + GROUP + "</group-access>");
        assertThat(new String(HostileXml.BILLION_LAUGHS.body(GROUP), StandardCharsets.UTF_8)).contains("<!ENTITY lol9");
    }
}
