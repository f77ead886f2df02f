package org.mcalab.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClientProfileTest {
    @Test
    void xPadFillsTheBodyToTheNextMultipleOf64() {
        assertThat(ClientProfile.padLength(0)).isEqualTo(64);
        assertThat(ClientProfile.padLength(1)).isEqualTo(63);
        assertThat(ClientProfile.padLength(63)).isEqualTo(1);
        assertThat(ClientProfile.padLength(64)).isEqualTo(64);
        assertThat(ClientProfile.padLength(369)).isEqualTo(15);
    }

    @Test
    void aUserAgentNamesItsProfile() {
        assertThat(ClientProfile.withUserAgent("Open AnyConnect VPN Agent v9.01-3")).isEqualTo(ClientProfile.OPENCONNECT);
        assertThatThrownBy(() -> ClientProfile.withUserAgent("curl/8")).isInstanceOf(IllegalArgumentException.class);
    }
}
