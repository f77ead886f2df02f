package org.mcalab.gateway.tunnel;

import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mcalab.fixtures.LabClock;

/**
 * Time for tunnel tests, moved only by {@link #advance}: the gateway's {@link #clock}, the tunnels' {@link #ticker}
 * (the same instant in nanoseconds, so the session timeout and the idle/DPD silence move together) and the event
 * loops of the channels made here, which run the sweep and DPD timers. Nothing waits for real time.
 */
final class ManualTime {
    final LabClock clock = new LabClock(Instant.parse("2026-11-28T08:00:00Z"));
    final Ticker ticker = () -> {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    };
    private final List<EmbeddedChannel> loops = new ArrayList<>();

    /** A channel whose event loop's time stands still until {@link #advance}; add handlers after. */
    EmbeddedChannel channel() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.freezeTime();
        loops.add(ch);
        return ch;
    }

    /** {@code service} attached to {@code sessions} with its sweep on one of these loops. */
    CstpTunnelService attach(CstpTunnelService service, org.mcalab.gateway.session.SessionDb sessions) {
        return service.attach(sessions, channel().eventLoop());
    }

    /** Lets {@code d} pass: the clock, the ticker and every loop; runs the timers that came due, in loop order. */
    void advance(Duration d) {
        clock.advance(d);
        for (EmbeddedChannel loop : loops) {
            loop.advanceTimeBy(d.toNanos(), TimeUnit.NANOSECONDS);
            loop.runScheduledPendingTasks();
        }
    }
}
