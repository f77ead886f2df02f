package org.mcalab.gateway.config;

import java.util.List;
import java.util.OptionalInt;

/** The global {@code webvpn} block. */
public record WebVpn(List<String> enabledInterfaces, List<AnyConnectImage> anyconnectImages,
                     boolean anyconnectEnabled, boolean tunnelGroupListEnabled) {

    public static final WebVpn NOT_CONFIGURED = new WebVpn(List.of(), List.of(), false, false);

    public WebVpn {
        enabledInterfaces = List.copyOf(enabledInterfaces);
        anyconnectImages = List.copyOf(anyconnectImages);
    }

    /** {@code anyconnect image PATH [ORDER]}. */
    public record AnyConnectImage(String path, OptionalInt order) {
    }
}
