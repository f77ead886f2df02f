package org.mcalab.gateway.config;

import java.net.Inet4Address;
import java.util.Optional;

/** {@code interface HW-NAME} and its sub-commands. */
final class InterfaceMode extends Mode {
    static final Form NAMEIF = new Form("nameif", "nameif NAME");
    static final Form SECURITY_LEVEL = new Form("security-level", "security-level 0-100");
    static final Form IP_ADDRESS = new Form("ip address", "ip address ADDRESS MASK [standby ADDRESS]");
    static final Form NO = new Form("no", "no nameif|security-level|ip address|shutdown");
    static final Form SHUTDOWN = new Form("shutdown", "shutdown");

    static final class Builder {
        final String hardwareName;
        String nameif;
        Integer securityLevel;
        Inet4Address address;
        Inet4Address mask;
        boolean shutdown;

        Builder(String hardwareName) {
            this.hardwareName = hardwareName;
        }

        Interface build() {
            // The ASA gives an interface named "inside" security level 100 unless told otherwise; others get 0.
            int level = securityLevel != null ? securityLevel : "inside".equals(nameif) ? 100 : 0;
            return new Interface(hardwareName, Optional.ofNullable(nameif), level, Optional.ofNullable(address),
                    Optional.ofNullable(mask), shutdown);
        }
    }

    private final Builder builder;

    InterfaceMode(Builder builder) {
        this.builder = builder;
        on("nameif", (line, modes) -> {
            NAMEIF.size(line, 2);
            builder.nameif = line.word(1);
        });
        on("security-level", (line, modes) -> {
            SECURITY_LEVEL.size(line, 2);
            builder.securityLevel = SECURITY_LEVEL.number(line, 1, 0, 100);
        });
        on("ip address", (line, modes) -> {
            IP_ADDRESS.size(line, 4, 6);
            if (line.size() != 4 && !(line.size() == 6 && line.is(4, "standby"))) {
                throw IP_ADDRESS.fail(line);
            }
            builder.address = IP_ADDRESS.address(line, 2);
            builder.mask = IP_ADDRESS.mask(line, 3);
            if (line.size() == 6) {
                IP_ADDRESS.address(line, 5); // validated; the standby unit does not exist here
            }
        });
        on("no nameif", (line, modes) -> {
            NO.size(line, 2);
            builder.nameif = null;
        });
        on("no security-level", (line, modes) -> {
            NO.size(line, 2);
            builder.securityLevel = null;
        });
        on("no ip address", (line, modes) -> {
            NO.size(line, 3);
            builder.address = null;
            builder.mask = null;
        });
        on("shutdown", (line, modes) -> {
            SHUTDOWN.size(line, 1);
            builder.shutdown = true;
        });
        on("no shutdown", (line, modes) -> {
            NO.size(line, 2);
            builder.shutdown = false;
        });
    }

    @Override
    String describe() {
        return "interface " + builder.hardwareName;
    }
}
