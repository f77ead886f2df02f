package org.mcalab.gateway.config;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** The global {@code webvpn} mode. */
final class WebVpnMode extends Mode {
    static final Form ENABLE = new Form("enable", "enable IFNAME [tls-only]");
    static final Form IMAGE = new Form("anyconnect image", "anyconnect image PATH [ORDER] [regex EXPRESSION]");
    static final Form ANYCONNECT_ENABLE = new Form("anyconnect enable", "anyconnect enable");
    static final Form TUNNEL_GROUP_LIST = new Form("tunnel-group-list enable", "tunnel-group-list enable");

    static final class Builder {
        final List<Located<String>> enabledInterfaces = new ArrayList<>();
        final List<WebVpn.AnyConnectImage> images = new ArrayList<>();
        boolean anyconnectEnabled;
        boolean tunnelGroupListEnabled;

        WebVpn build() {
            return new WebVpn(enabledInterfaces.stream().map(Located::value).toList(), images, anyconnectEnabled,
                    tunnelGroupListEnabled);
        }
    }

    WebVpnMode(Builder builder) {
        on("enable", (line, modes) -> {
            ENABLE.size(line, 2, 3);
            if (line.size() == 3 && !line.is(2, "tls-only")) {
                throw ENABLE.fail(line);
            }
            builder.enabledInterfaces.add(new Located<>(line.word(1), line));
        });
        on("anyconnect image", (line, modes) -> {
            IMAGE.size(line, 3, Integer.MAX_VALUE);
            OptionalInt order = OptionalInt.empty();
            int next = 3;
            if (!line.word(3).isEmpty() && !line.is(3, "regex")) {
                order = OptionalInt.of(IMAGE.number(line, 3, 1, 65535));
                next = 4;
            }
            if (line.size() > next && !(line.is(next, "regex") && line.size() > next + 1)) {
                throw IMAGE.fail(line);
            }
            builder.images.add(new WebVpn.AnyConnectImage(line.word(2), order));
        });
        on("anyconnect enable", (line, modes) -> {
            ANYCONNECT_ENABLE.size(line, 2);
            builder.anyconnectEnabled = true;
        });
        on("tunnel-group-list enable", (line, modes) -> {
            TUNNEL_GROUP_LIST.size(line, 2);
            builder.tunnelGroupListEnabled = true;
        });
    }

    @Override
    String describe() {
        return "webvpn";
    }
}
