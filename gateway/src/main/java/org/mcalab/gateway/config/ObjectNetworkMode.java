package org.mcalab.gateway.config;

import java.util.Optional;

/** {@code object network NAME} with {@code subnet}, {@code host} and an auto-NAT {@code nat} rule. */
final class ObjectNetworkMode extends Mode {
    static final Form SUBNET = new Form("subnet", "subnet NETWORK MASK");
    static final Form HOST = new Form("host", "host ADDRESS");
    static final Form NAT = new Form("nat", "nat (REAL-IF,MAPPED-IF) static|dynamic MAPPED [OPTIONS]");

    private final String name;

    ObjectNetworkMode(String name, ConfigBuilder config) {
        this.name = name;
        on("subnet", (line, modes) -> {
            SUBNET.size(line, 3);
            config.objects.put(name, new NetworkObject(name,
                    Optional.of(new Subnet(SUBNET.address(line, 1), SUBNET.mask(line, 2)))));
        });
        on("host", (line, modes) -> {
            HOST.size(line, 2);
            config.objects.put(name, new NetworkObject(name, Optional.of(Subnet.host(HOST.address(line, 1)))));
        });
        on("nat", (line, modes) -> config.addNat(line, NAT, Optional.of(name)));
    }

    @Override
    String describe() {
        return "object network " + name;
    }
}
