package org.mcalab.gateway.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AddressPoolTest {
    private final AddressPool pool = new AddressPool(SeedConfig.with("192.168.100.1-192.168.100.3").pools().get("ANYCONNECT-POOL"));

    @Test
    void sameSessionGetsTheSameAddressOthersGetDifferentOnes() throws Exception {
        var a = pool.allocate("1");
        var b = pool.allocate("2");
        assertThat(a.getHostAddress()).isEqualTo("192.168.100.1");
        assertThat(b.getHostAddress()).isEqualTo("192.168.100.2");
        assertThat(pool.allocate("1")).isEqualTo(a);
        assertThat(pool.addressOf("2")).contains(b);
        assertThat(pool.inUse()).isEqualTo(2);
    }

    @Test
    void exhaustionIsAClearRefusalAndReleaseMakesRoom() throws Exception {
        pool.allocate("1");
        pool.allocate("2");
        pool.allocate("3");
        assertThatThrownBy(() -> pool.allocate("4")).isInstanceOf(AddressPool.PoolExhaustedException.class)
                .hasMessageContaining("address pool exhausted");
        pool.release("2");
        assertThat(pool.addressOf("2")).isEmpty();
        assertThat(pool.allocate("4").getHostAddress()).isEqualTo("192.168.100.2");
        pool.release("unknown"); // no-op
        assertThat(pool.inUse()).isEqualTo(3);
    }

    @Test
    void aReleasedAddressIsNotHandedStraightToTheNextSession() throws Exception {
        pool.allocate("1");
        pool.release("1");
        assertThat(pool.allocate("2").getHostAddress()).isEqualTo("192.168.100.2");
    }
}
