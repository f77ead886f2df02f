package org.mcalab.gateway.session;

/** How a session logged in, as {@code show vpn-sessiondb detail} prints it ("Auth Mode : Multiple-certificate"). */
public enum AuthMode {
    MULTIPLE_CERTIFICATE("Multiple-certificate"),
    CERTIFICATE("Certificate"),
    AAA("userPassword");

    private final String display;

    AuthMode(String display) {
        this.display = display;
    }

    public String display() {
        return display;
    }
}
