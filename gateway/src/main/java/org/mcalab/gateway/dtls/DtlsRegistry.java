package org.mcalab.gateway.dtls;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.mcalab.gateway.session.Counters;

/**
 * Sessions that may open a DTLS channel, by the id the client puts into its ClientHello (legacy Session-ID or PSK
 * App-ID). The tunnel registers at CONNECT time and closes the registration when the session or the CSTP tunnel ends;
 * after that, handshakes with that id are dropped like unknown ones.
 */
public final class DtlsRegistry {
    private final Map<String, Registration> byId = new ConcurrentHashMap<>();

    public Registration register(DtlsParameters parameters, DtlsChannelListener listener) {
        Registration r = new Registration(parameters, listener);
        Registration previous = byId.put(parameters.idHex(), r);
        if (previous != null) {
            previous.close();
        }
        return r;
    }

    Optional<Registration> find(byte[] id) {
        return Optional.ofNullable(byId.get(java.util.HexFormat.of().formatHex(id))).filter(Registration::active);
    }

    public int size() {
        return byId.size();
    }

    /**
     * Handshakes one session may have in progress at once. Each holds a worker thread until it completes or times out,
     * and a ClientHello naming the session's id from a new port starts one: without a bound, copies of one
     * ClientHello from many ports would tie up threads without end. A client runs one handshake at a time.
     */
    static final int MAX_PENDING_HANDSHAKES = 2;

    /** One session's DTLS entitlement; its counters live as long as the registration, across re-handshakes. */
    public final class Registration implements AutoCloseable {
        private final DtlsParameters parameters;
        private final DtlsChannelListener listener;
        private final Counters counters = new Counters();
        private final AtomicReference<DtlsChannel> current = new AtomicReference<>();
        private final AtomicInteger pendingHandshakes = new AtomicInteger();
        private volatile boolean active = true;

        private Registration(DtlsParameters parameters, DtlsChannelListener listener) {
            this.parameters = parameters;
            this.listener = listener;
        }

        public DtlsParameters parameters() {
            return parameters;
        }

        /** DTLS traffic of this session: bytes/packets both ways, and records dropped (replays, failed auth, unknown types). */
        public Counters counters() {
            return counters;
        }

        /** The channel that is up right now, if any. */
        public Optional<DtlsChannel> channel() {
            return Optional.ofNullable(current.get()).filter(DtlsChannel::isOpen);
        }

        public boolean active() {
            return active;
        }

        DtlsChannelListener listener() {
            return listener;
        }

        /**
         * Installs a channel whose handshake has completed (which proved it knows the session's secret); the one it
         * replaces is closed (openconnect re-handshakes after DPD loss, possibly from a new address). A bare
         * ClientHello naming this session's id never gets here, so it cannot tear down the working channel.
         * False, and the channel closed, when the session ended meanwhile.
         */
        boolean install(DtlsChannel fresh) {
            DtlsChannel old;
            synchronized (this) {
                if (!active) {
                    old = fresh;
                } else {
                    old = current.getAndSet(fresh);
                }
            }
            if (old == fresh) {
                fresh.close("session ended");
                return false;
            }
            if (old != null) {
                old.close("replaced by a new handshake");
            }
            return true;
        }

        /** False when {@link #MAX_PENDING_HANDSHAKES} are already running: the ClientHello is dropped. */
        boolean beginHandshake() {
            if (pendingHandshakes.incrementAndGet() > MAX_PENDING_HANDSHAKES) {
                pendingHandshakes.decrementAndGet();
                return false;
            }
            return true;
        }

        void endHandshake() {
            pendingHandshakes.decrementAndGet();
        }

        void forget(DtlsChannel channel) {
            current.compareAndSet(channel, null);
        }

        @Override
        public void close() {
            DtlsChannel c;
            synchronized (this) {
                active = false;
                c = current.getAndSet(null);
            }
            byId.remove(parameters.idHex(), this);
            if (c != null) {
                c.close("session ended");
            }
        }
    }
}
