package org.mcalab.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConnectionTest {
    @Test
    void xPadFillsTheBodyUpToTheNextMultipleOf64() {
        assertThat(Connection.padLength(0)).isEqualTo(64);
        assertThat(Connection.padLength(1)).isEqualTo(63);
        assertThat(Connection.padLength(63)).isEqualTo(1);
        assertThat(Connection.padLength(64)).isEqualTo(64);
        assertThat(Connection.padLength(369)).isEqualTo(15);
    }
}
