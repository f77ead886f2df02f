package org.mcalab.gateway.pki;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fetches CRLs from certificates' HTTP(S) distribution points and keeps each one until its nextUpdate.
 *
 * <p>Limits: connect timeout 2 s, whole request (headers and body) 3 s, body at most 1 MiB, no redirects, no proxy.
 * Callers asking for the same URL while a fetch runs wait for that one fetch instead of starting their own.
 *
 * <p>A CRL is only handed out (and only cached) after its issuer name matches the certificate's issuer and its
 * signature verifies with the issuer's key. A CRL past its nextUpdate is fetched again; if the fresh one is also
 * past it, it is unavailable. Failures are not cached: the next validation tries again.
 *
 * <p><b>Fail closed.</b> Every failure (unreachable, slow, reset, HTTP error, oversize, garbage, wrong signature,
 * stale) surfaces as {@link CrlUnavailableException}; {@link CertificateValidator} turns that into an MCA-PKI-3
 * refusal "revocation status unknown: CRL from &lt;url&gt; unavailable (&lt;reason&gt;)", unless the trustpoint
 * says {@code revocation-check crl none} ({@link RevocationCheck#CRL_OR_NONE}), where it accepts with a trace
 * warning. Failing closed is the documented choice because an attacker who can block the CDP must not thereby
 * get revoked certificates accepted.
 */
public final class HttpCrlCache implements CrlSource {
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);
    public static final int MAX_CRL_BYTES = 1024 * 1024;

    private final HttpClient http;
    private final Clock clock;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final int maxBytes;
    private final ConcurrentMap<URI, X509CRL> cache = new ConcurrentHashMap<>();
    private final ConcurrentMap<URI, CompletableFuture<X509CRL>> inflight = new ConcurrentHashMap<>();

    public HttpCrlCache(Clock clock) {
        this(clock, CONNECT_TIMEOUT, REQUEST_TIMEOUT, MAX_CRL_BYTES);
    }

    /** Other limits, for tests that must not wait the full timeouts. */
    public HttpCrlCache(Clock clock, Duration connectTimeout, Duration requestTimeout, int maxBytes) {
        this.clock = clock;
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
        this.maxBytes = maxBytes;
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Override
    public X509CRL crl(URI distributionPoint, X509Certificate issuer) throws CrlUnavailableException {
        String scheme = distributionPoint.getScheme() == null ? "" : distributionPoint.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new CrlUnavailableException(distributionPoint, "only http and https distribution points are supported");
        }
        Instant now = clock.instant();
        X509CRL cached = cache.get(distributionPoint);
        if (cached != null) {
            if (current(cached, now)) {
                checkIssuedBy(distributionPoint, cached, issuer);
                return cached;
            }
            cache.remove(distributionPoint, cached);
        }
        X509CRL fetched = await(distributionPoint, fetch(distributionPoint));
        checkIssuedBy(distributionPoint, fetched, issuer);
        if (!current(fetched, now)) {
            throw new CrlUnavailableException(distributionPoint, "CRL is out of date, nextUpdate " + fetched.getNextUpdate().toInstant());
        }
        if (fetched.getNextUpdate() != null) {
            cache.put(distributionPoint, fetched);
        }
        return fetched;
    }

    /** How many CRLs are cached (for tests and the admin view). */
    public int size() {
        return cache.size();
    }

    private static boolean current(X509CRL crl, Instant now) {
        return crl.getNextUpdate() == null || now.isBefore(crl.getNextUpdate().toInstant());
    }

    private static void checkIssuedBy(URI uri, X509CRL crl, X509Certificate issuer) throws CrlUnavailableException {
        if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            throw new CrlUnavailableException(uri, "CRL is issued by " + CertificateText.name(crl.getIssuerX500Principal())
                    + ", not by " + CertificateText.subject(issuer));
        }
        try {
            crl.verify(issuer.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new CrlUnavailableException(uri, "CRL signature does not verify with the key of " + CertificateText.subject(issuer));
        }
    }

    /** The running fetch of this URL, or a new one. The future is removed from {@link #inflight} when it completes. */
    private CompletableFuture<X509CRL> fetch(URI uri) {
        CompletableFuture<X509CRL> mine = new CompletableFuture<>();
        CompletableFuture<X509CRL> running = inflight.putIfAbsent(uri, mine);
        if (running != null) {
            return running;
        }
        CompletableFuture<HttpResponse<byte[]>> call;
        // cancelling an oversize download makes the client report "stream cancelled"; keep our own reason
        AtomicReference<TooLarge> tooLarge = new AtomicReference<>();
        try {
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(requestTimeout)
                    .header("Accept", "application/pkix-crl")
                    .GET()
                    .build();
            call = http.sendAsync(request, info -> info.statusCode() == 200
                    ? new LimitedBody(maxBytes, info.headers().firstValueAsLong("content-length").orElse(-1), tooLarge)
                    : BodySubscribers.replacing(null));
        } catch (RuntimeException e) {
            inflight.remove(uri, mine);
            mine.completeExceptionally(e);
            return mine;
        }
        call.whenComplete((response, failure) -> {
            if (failure != null) {
                mine.completeExceptionally(tooLarge.get() != null ? tooLarge.get() : failure);
                return;
            }
            try {
                mine.complete(parse(response));
            } catch (RuntimeException | IOException | GeneralSecurityException e) {
                mine.completeExceptionally(e);
            }
        });
        // the request timeout only covers the response headers; this bounds the body too
        mine.orTimeout(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        mine.whenComplete((crl, failure) -> {
            inflight.remove(uri, mine);
            if (failure != null) {
                call.cancel(true);
            }
        });
        return mine;
    }

    private static X509CRL parse(HttpResponse<byte[]> response) throws IOException, GeneralSecurityException {
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode());
        }
        byte[] body = response.body();
        if (body == null || body.length == 0) {
            throw new CRLException("empty body");
        }
        X509CRL crl;
        try {
            crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(body));
        } catch (CertificateException e) {
            throw new IllegalStateException(e);
        }
        if (crl == null) {
            throw new CRLException("no CRL in body");
        }
        return crl;
    }

    private X509CRL await(URI uri, CompletableFuture<X509CRL> fetch) throws CrlUnavailableException {
        try {
            // orTimeout completes the future; the extra second only guards against a bug there
            return fetch.get(requestTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CrlUnavailableException(uri, "interrupted");
        } catch (TimeoutException e) {
            fetch.completeExceptionally(e);
            throw new CrlUnavailableException(uri, timedOut());
        } catch (CancellationException e) {
            throw new CrlUnavailableException(uri, "fetch cancelled");
        } catch (ExecutionException e) {
            throw new CrlUnavailableException(uri, describe(e.getCause()));
        }
    }

    private String timedOut() {
        return "timed out after " + seconds(requestTimeout);
    }

    private String describe(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof HttpConnectTimeoutException) {
            return "connect timed out after " + seconds(connectTimeout);
        }
        if (t instanceof HttpTimeoutException || t instanceof TimeoutException) {
            return timedOut();
        }
        if (t instanceof ConnectException) {
            return "connection refused";
        }
        if (t instanceof CRLException) {
            return "not a valid CRL: " + message(t);
        }
        if (t instanceof TooLarge) {
            return t.getMessage();
        }
        if (t instanceof IOException) {
            return message(t);
        }
        return t.getClass().getSimpleName() + ": " + message(t);
    }

    private static String message(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            Throwable cause = t.getCause();
            return cause != null && cause != t ? message(cause) : t.getClass().getSimpleName();
        }
        return m;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static final class TooLarge extends IOException {
        TooLarge(long limit) {
            super("CRL larger than " + limit + " bytes");
        }
    }

    /** Collects the body, giving up (and cancelling the download) past the limit. */
    private static final class LimitedBody implements BodySubscriber<byte[]> {
        private final int limit;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final AtomicReference<TooLarge> tooLarge;
        private Flow.Subscription subscription;

        LimitedBody(int limit, long contentLength, AtomicReference<TooLarge> tooLarge) {
            this.limit = limit;
            this.tooLarge = tooLarge;
            if (contentLength > limit) {
                giveUp();
            }
        }

        private void giveUp() {
            TooLarge failure = new TooLarge(limit);
            tooLarge.set(failure);
            result.completeExceptionally(failure);
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            this.subscription = s;
            if (result.isDone()) {
                s.cancel();
            } else {
                s.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : items) {
                if ((long) out.size() + b.remaining() > limit) {
                    giveUp();
                    subscription.cancel();
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                out.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(out.toByteArray());
        }
    }
}
