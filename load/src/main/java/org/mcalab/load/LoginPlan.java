package org.mcalab.load;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * One {@code mcalab load logins} run.
 *
 * @param target        https://host:port of the gateway (its path is ignored; {@code path} is posted to)
 * @param path          what init and auth-reply are posted to: "/MCA" (the MCA group-url), "/CERT", or "/" (ocserv)
 * @param singleCert    one TLS certificate only: init must be answered with complete (ocserv, certificate groups)
 * @param pki           the minted PKI whose machine and user CAs issue the load identities
 * @param identities    how many identities to mint before the run; virtual user n uses identity (n-1) mod this
 * @param users         how many logins to attempt in total
 * @param rate          arrival rate, users per second (open model)
 * @param duration      hard bound: the run ends after this even if users are still arriving or in flight
 * @param newConnection post the auth-reply on a fresh TLS connection, as openconnect with {@code -c} does; by default
 *                      Gatling keeps the virtual user's connection (keep-alive)
 * @param openSsl       Gatling's TLS through netty-tcnative BoringSSL instead of the JDK's
 * @param concurrency   0: open model, {@code users} arrive at {@code rate}; N &gt; 0: closed model, N logins in flight
 *                      at any time (a new virtual user, with a new connection, as soon as one finishes) until
 *                      {@code duration} ends. The closed model measures the ceiling: an open model past the ceiling
 *                      queues handshakes until they time out and the measured rate collapses.
 * @param warmup        load before the measured {@code duration} (same model and rate), not counted: both JVMs
 *                      JIT-compile the login path in it, which on two cores otherwise costs a fresh run most of its
 *                      first half minute
 */
public record LoginPlan(URI target, String path, boolean singleCert, Path pki, int identities, int users, double rate,
                        Duration duration, Path outDir, boolean newConnection, boolean openSsl, String command,
                        boolean embedded, int concurrency, Duration warmup) {
    public LoginPlan {
        Objects.requireNonNull(target);
        Objects.requireNonNull(pki);
        Objects.requireNonNull(warmup);
        if (identities < 1 || users < 1 || !(rate > 0) || duration.isZero() || duration.isNegative() || concurrency < 0
                || warmup.isNegative()) {
            throw new IllegalArgumentException("identities, users, rate and duration must be positive");
        }
    }

    /** Warm-up and measured duration: when Gatling stops. */
    Duration bound() {
        return warmup.plus(duration);
    }

    boolean closedModel() {
        return concurrency > 0;
    }

    /** scheme://host:port, what Gatling's baseUrl takes. */
    String baseUrl() {
        return target.getScheme() + "://" + target.getRawAuthority();
    }

    /** What openconnect puts in group-access: the URL with the posted path. */
    String groupAccess() {
        return baseUrl().replaceFirst(":443$", "") + path;
    }
}
