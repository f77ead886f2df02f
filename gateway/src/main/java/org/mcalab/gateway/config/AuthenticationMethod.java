package org.mcalab.gateway.config;

/** {@code authentication ...} in {@code tunnel-group NAME webvpn-attributes}; the ASA default is {@code aaa}. */
public enum AuthenticationMethod {
    MULTIPLE_CERTIFICATE("multiple-certificate"),
    CERTIFICATE("certificate"),
    AAA("aaa"),
    AAA_CERTIFICATE("aaa certificate");

    private final String keywords;

    AuthenticationMethod(String keywords) {
        this.keywords = keywords;
    }

    /** The method as written in the config. */
    public String keywords() {
        return keywords;
    }
}
