package org.mcalab.gateway.dtls;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of {@link DtlsNegotiator}: the {@code X-DTLS-*} response headers (in the order to send them) and, when
 * DTLS is offered, the parameters to register with {@link DtlsRegistry}. No parameters means no header at all, so
 * openconnect settles on CSTP at once ("No DTLS address").
 */
public record DtlsNegotiation(Optional<DtlsParameters> parameters, List<Header> headers) {

    public static final DtlsNegotiation NONE = new DtlsNegotiation(Optional.empty(), List.of());

    public record Header(String name, String value) {
    }

    public DtlsNegotiation {
        headers = List.copyOf(headers);
    }

    public boolean offered() {
        return parameters.isPresent();
    }

    /** The value of a response header, if sent. */
    public Optional<String> header(String name) {
        return headers.stream().filter(h -> h.name().equals(name)).map(Header::value).findFirst();
    }
}
