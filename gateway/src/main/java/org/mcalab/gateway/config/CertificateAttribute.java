package org.mcalab.gateway.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Subject attributes {@code username-from-certificate} can name; {@link #ENTIRE_NAME} is {@code use-entire-name}. */
public enum CertificateAttribute {
    C, CN, DNQ, EA, GENQ, GN, I, L, N, O, OU, SER, SN, SP, T, UID, UPN, ENTIRE_NAME;

    static Optional<CertificateAttribute> fromKeyword(String word) {
        if (word.equalsIgnoreCase("use-entire-name")) {
            return Optional.of(ENTIRE_NAME);
        }
        String w = word.toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(a -> a != ENTIRE_NAME && a.name().equals(w)).findFirst();
    }
}
