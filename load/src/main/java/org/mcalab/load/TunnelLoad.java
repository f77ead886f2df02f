package org.mcalab.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.mcalab.gateway.admin.HeapGauge;
import org.mcalab.lab.GatewayUnderTest;

/**
 * Runs {@code mcalab load tunnel}: logs in N tunnels (bounded setup concurrency), then either pushes UDP packets of
 * one size through every tunnel to the gateway's inside discard or echo host, or holds the tunnels idle and measures
 * the heap they cost. Everything is bounded: per-tunnel setup timeout, whole-setup timeout, traffic duration and
 * packet count.
 */
public final class TunnelLoad {
    private static final Duration TUNNEL_SETUP_TIMEOUT = Duration.ofSeconds(30);
    private static final long ECHO_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private TunnelLoad() {}

    public static LoadReport run(TunnelPlan plan) throws IOException, InterruptedException {
        Instant startedAt = Instant.now();
        long t0 = System.nanoTime();
        TunnelKeys keys = new TunnelKeys(plan.openSsl(), plan.caBundle());
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        EventLoopGroup group = new NioEventLoopGroup(threads, new DefaultThreadFactory("load-tunnel", true));
        TunnelCounters counters = new TunnelCounters(plan.packets(), (int) plan.duration().toSeconds() + 2);
        List<String> notes = new ArrayList<>();
        Map<String, Double> summary = new LinkedHashMap<>();
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        List<TunnelLink> links = Collections.synchronizedList(new ArrayList<>());
        boolean passed;
        Map<String, Double> percentiles;
        try {
            HeapMark heapBefore = plan.idle() ? HeapMark.take(plan.gateway()) : null;
            long setupStart = System.nanoTime();
            setUp(plan, keys, group, counters, links);
            double setupSeconds = (System.nanoTime() - setupStart) / 1e9;
            int up = (int) links.stream().filter(TunnelLink::isUp).count();
            summary.put("tunnels_requested", (double) plan.tunnels());
            summary.put("tunnels_up", (double) up);
            summary.put("tunnels_failed", (double) (plan.tunnels() - up));
            summary.put("setup_seconds", LoginLoad.round(setupSeconds));
            summary.put("setups_per_s", LoginLoad.round(up / Math.max(1e-3, setupSeconds)));
            counters.failures().forEach((why, n) -> notes.add("tunnel setup failed " + n + "x: " + why));
            Map<String, Double> setupPct = Percentiles.millis(counters.setupNanos);
            setupPct.forEach((k, v) -> summary.put("setup_" + k.replace('.', '_') + "_ms", v));
            if (plan.idle()) {
                passed = idle(plan, counters, links, up, heapBefore, summary, notes);
                percentiles = setupPct;
                notes.add("latency percentiles: tunnel setup (TLS, MCA login, CONNECT)");
            } else {
                passed = traffic(plan, counters, links, up, summary, series, notes);
                percentiles = plan.service() == TunnelPlan.Service.ECHO ? Percentiles.millis(counters.rttNanos) : setupPct;
                notes.add(plan.service() == TunnelPlan.Service.ECHO ? "latency percentiles: echo round-trip time"
                        : "latency percentiles: tunnel setup (the discard host sends nothing back)");
            }
        } finally {
            closeAll(links);
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
        if (plan.dtls()) {
            notes.add(0, "data on DTLS: each tunnel resumes the legacy DTLS 1.2 session its CONNECT announced (BouncyCastle,"
                    + " one sender and one receiver thread per tunnel, one packet per DTLS record); CSTP stays open for"
                    + " control (DPD, keepalive)");
        }
        notes.add(0, "client TLS engine: " + keys.engineName() + "; one TLS connection per tunnel for login and CONNECT"
                + " (openconnect uses three); client-to-gateway records carry as many whole frames as fit in 16 KiB");
        double wall = (System.nanoTime() - t0) / 1e9;
        String verdict = passed ? "all " + plan.tunnels() + " tunnels came up and " + (plan.idle() ? "stayed up" : "carried traffic")
                : "not every tunnel came up or carried traffic (see notes)";
        return new LoadReport("tunnel", plan.command(), startedAt, LoginLoad.round(wall), plan.target().toString(), plan.embedded(),
                passed, verdict, keys.engineName(), summary, percentiles, series, notes, Map.of());
    }

    private static void setUp(TunnelPlan plan, TunnelKeys keys, EventLoopGroup group, TunnelCounters counters,
                              List<TunnelLink> links) throws InterruptedException {
        Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024));
        Semaphore inFlight = new Semaphore(plan.setupConcurrency());
        ExecutorService dtlsSetup = Executors.newCachedThreadPool(new DefaultThreadFactory("load-dtls-setup", true));
        List<CompletableFuture<TunnelLink>> all = new ArrayList<>();
        long deadline = System.nanoTime() + Math.max(TimeUnit.SECONDS.toNanos(60), plan.tunnels() * TimeUnit.MILLISECONDS.toNanos(40));
        for (int i = 0; i < plan.tunnels(); i++) {
            long wait = deadline - System.nanoTime();
            if (wait <= 0 || !inFlight.tryAcquire(wait, TimeUnit.NANOSECONDS)) {
                counters.setupFailed("setup bound reached before this tunnel was started");
                continue;
            }
            LoadIdentity identity = plan.identities().get(i);
            HttpAnswerDecoder answers = new HttpAnswerDecoder();
            CstpTunnel tunnel = new CstpTunnel(plan, identity, counters, answers);
            CompletableFuture<TunnelLink> f = tunnel.up();
            // DTLS: once CSTP is up, resume the announced DTLS session off the event loop (BC's handshake blocks)
            CompletableFuture<TunnelLink> ready = !plan.dtls() ? f : f.thenApplyAsync(cstp -> {
                try {
                    return DtlsTunnel.open(tunnel, plan, 40000 + identity.index() % 20000, counters);
                } catch (CstpTunnel.TunnelSetupException e) {
                    throw new CompletionException(e);
                }
            }, dtlsSetup);
            all.add(ready);
            ready.whenComplete((link, error) -> {
                inFlight.release();
                if (error != null) {
                    counters.setupFailed((error instanceof CompletionException && error.getCause() != null
                            ? error.getCause() : error).getMessage());
                } else {
                    links.add(link);
                }
            });
            ChannelFuture connect = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    SslHandler tls = keys.newHandler(ch.alloc(), identity);
                    tls.setHandshakeTimeout(10, TimeUnit.SECONDS);
                    ch.pipeline().addLast("tls", tls).addLast("answers", answers).addLast("tunnel", tunnel);
                }
            }).connect(plan.host(), plan.port());
            connect.addListener(c -> {
                if (!c.isSuccess()) {
                    f.completeExceptionally(new CstpTunnel.TunnelSetupException("TCP connect: " + c.cause().getMessage()));
                } else {
                    Channel ch = connect.channel();
                    ch.eventLoop().schedule(() -> {
                        if (!f.isDone()) {
                            f.completeExceptionally(new CstpTunnel.TunnelSetupException(
                                    "no tunnel after " + TUNNEL_SETUP_TIMEOUT.toSeconds() + " s"));
                            ch.close();
                        }
                    }, TUNNEL_SETUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                }
            });
        }
        for (CompletableFuture<TunnelLink> f : all) {
            try {
                f.get(Math.max(1, deadline - System.nanoTime()) + TUNNEL_SETUP_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // counted by the listener (or by the per-tunnel timeout)
            }
        }
        dtlsSetup.shutdown();
    }

    private static boolean traffic(TunnelPlan plan, TunnelCounters counters, List<TunnelLink> links, int up,
                                   Map<String, Double> summary, Map<String, List<double[]>> series, List<String> notes)
            throws InterruptedException {
        if (up == 0) {
            return false;
        }
        Optional<GatewayUnderTest.InsideCount> insideBefore = plan.gateway().inside();
        OptionalLong cpuBefore = plan.gateway().cpu().cpuNanos();
        counters.startTraffic();
        links.forEach(TunnelLink::startSending);
        long end = counters.trafficStartNanos + plan.duration().toNanos();
        boolean echo = plan.service() == TunnelPlan.Service.ECHO;
        while (System.nanoTime() < end && !counters.budgetSpent()) {
            Thread.sleep(echo ? 250 : 100);
            if (echo) {
                links.forEach(l -> l.expireEchoes(ECHO_TIMEOUT_NANOS));
            }
        }
        links.forEach(TunnelLink::stopSending);
        double seconds = (System.nanoTime() - counters.trafficStartNanos) / 1e9;
        OptionalLong cpuAfter = plan.gateway().cpu().cpuNanos();
        if (echo) {
            long drainUntil = System.nanoTime() + ECHO_TIMEOUT_NANOS;
            while (System.nanoTime() < drainUntil && links.stream().anyMatch(l -> l.outstanding() > 0)) {
                Thread.sleep(20);
            }
            links.forEach(l -> l.expireEchoes(0));
            Thread.sleep(50);
        }
        Optional<GatewayUnderTest.InsideCount> insideAfter = echo ? plan.gateway().inside() : drained(plan.gateway(), counters);

        long sentPackets = counters.sentPackets.sum();
        long sentBytes = counters.sentBytes.sum();
        summary.put("traffic_seconds", LoginLoad.round(seconds));
        summary.put("packet_bytes", (double) plan.size());
        summary.put("sent_packets", (double) sentPackets);
        summary.put("sent_mbit_s", LoginLoad.round(sentBytes * 8 / seconds / 1e6));
        summary.put("packets_per_s", LoginLoad.round(sentPackets / seconds));
        LoginLoad.cpuPercent(cpuBefore, cpuAfter, seconds).ifPresent(c -> summary.put("gateway_cpu_percent", c));
        series.put("sent_mbit_s", counters.sentTimeline.points(seconds, 8 / 1e6));
        boolean ok;
        if (echo) {
            long received = counters.receivedPackets.sum();
            summary.put("echo_packets", (double) received);
            summary.put("goodput_mbit_s", LoginLoad.round(counters.receivedBytes.sum() * 8 / seconds / 1e6));
            summary.put("echo_packets_per_s", LoginLoad.round(received / seconds));
            summary.put("drops", (double) counters.lost.sum());
            series.put("echo_goodput_mbit_s", counters.receivedTimeline.points(seconds, 8 / 1e6));
            notes.add("goodput: IP bytes echoed back per second; drops: echo packets not back within 1 s");
            ok = received > 0;
        } else if (insideBefore.isPresent() && insideAfter.isPresent()) {
            long taken = insideAfter.get().discardedPackets() - insideBefore.get().discardedPackets();
            long takenBytes = insideAfter.get().discardedBytes() - insideBefore.get().discardedBytes();
            summary.put("discarded_packets", (double) taken);
            summary.put("goodput_mbit_s", LoginLoad.round(takenBytes * 8 / seconds / 1e6));
            summary.put("drops", (double) Math.max(0, sentPackets - taken));
            summary.put("gateway_dropped", (double) (insideAfter.get().dropped() - insideBefore.get().dropped()));
            notes.add("goodput: IP bytes the gateway's discard host took per second (read from the embedded gateway)");
            ok = taken > 0;
        } else {
            summary.put("goodput_mbit_s", summary.get("sent_mbit_s"));
            notes.add("goodput: bytes sent (an external gateway's discard host cannot be read; no drop count)");
            ok = sentPackets > 0;
        }
        summary.put("closed_by_gateway", (double) counters.closedByGateway.sum());
        return ok && up == plan.tunnels();
    }

    /**
     * The inside counters once what was still queued (socket buffers, TLS, the gateway's read loop) has arrived: polled
     * until every sent packet is counted or the count stops moving for half a second (at most 3 s).
     */
    private static Optional<GatewayUnderTest.InsideCount> drained(GatewayUnderTest probe, TunnelCounters counters)
            throws InterruptedException {
        Optional<GatewayUnderTest.InsideCount> last = probe.inside();
        if (last.isEmpty()) {
            return last;
        }
        long sent = counters.sentPackets.sum();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        long stillSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Thread.sleep(100);
            Optional<GatewayUnderTest.InsideCount> now = probe.inside();
            long taken = now.get().discardedPackets() + now.get().dropped();
            if (now.get().discardedPackets() != last.get().discardedPackets()) {
                stillSince = System.nanoTime();
            }
            last = now;
            if (taken >= sent || System.nanoTime() - stillSince > TimeUnit.MILLISECONDS.toNanos(500)) {
                break;
            }
        }
        return last;
    }

    /**
     * Heap after full GCs: the gateway's (from its probe) and, when the gateway has its own process, the generator's
     * (this JVM; then it holds only the client ends of the tunnels).
     */
    private record HeapMark(OptionalLong gateway, OptionalLong generator) {
        static HeapMark take(GatewayUnderTest probe) {
            return new HeapMark(probe.heapAfterGc(),
                    probe.sharesHeapWithGenerator() ? OptionalLong.empty() : OptionalLong.of(HeapGauge.usedAfterGc()));
        }
    }

    /**
     * Holds the tunnels for the duration without traffic (the gateway's DPD and the client's keepalive are all that
     * flows), then measures the heap they cost and checks that none was dropped, by either end.
     */
    private static boolean idle(TunnelPlan plan, TunnelCounters counters, List<TunnelLink> links, int up,
                                HeapMark before, Map<String, Double> summary, List<String> notes)
            throws InterruptedException {
        OptionalLong cpuBefore = plan.gateway().cpu().cpuNanos();
        long dpdBefore = counters.dpdAnswered.sum();
        long start = System.nanoTime();
        long end = start + plan.duration().toNanos();
        while (System.nanoTime() < end) {
            Thread.sleep(Math.min(1000, Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()))));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long dpdHeld = counters.dpdAnswered.sum() - dpdBefore;
        LoginLoad.cpuPercent(cpuBefore, plan.gateway().cpu().cpuNanos(), seconds).ifPresent(c -> summary.put("gateway_cpu_percent", c));
        HeapMark after = HeapMark.take(plan.gateway());
        if (up > 0) {
            perTunnel("heap", before.gateway(), after.gateway(), up, summary);
            perTunnel("client_heap", before.generator(), after.generator(), up, summary);
        }
        if (summary.containsKey("heap_per_tunnel_kb")) {
            notes.add(plan.gateway().sharesHeapWithGenerator()
                    ? "heap per tunnel: this JVM's heap after GC, before and after the tunnels came up; the embedded"
                      + " gateway shares it with the generator, so it counts both ends of each tunnel (an upper bound)"
                    : "heap per tunnel: the gateway process's heap after full GCs, before the tunnels came up and after"
                      + " they were held, divided by the tunnels up; client_heap_per_tunnel_kb likewise for the generator");
        }
        // counted after the GCs: a pause long enough to miss DPD would show here
        long alive = links.stream().filter(TunnelLink::isUp).count();
        long closed = counters.closedByGateway.sum();
        long dpd = counters.dpdAnswered.sum();
        summary.put("idle_seconds", LoginLoad.round(seconds));
        summary.put("tunnels_alive_at_end", (double) alive);
        summary.put("tunnels_dropped", (double) (up - alive));
        summary.put("dpd_answered", (double) dpd);
        summary.put("dpd_per_tunnel_held", LoginLoad.round(up == 0 ? 0 : (double) dpdHeld / up));
        summary.put("closed_by_gateway", (double) closed);
        Optional<GatewayUnderTest.Held> held = plan.gateway().sessions().map(GatewayUnderTest.Sessions::held);
        held.ifPresent(h -> {
            summary.put("gateway_sessions", (double) h.sessions());
            summary.put("gateway_tunnels_held", (double) h.withTunnels());
        });
        LoadAverage.now().ifPresent(l -> summary.put("load_average_1m", l));
        notes.add("idle: no data; the gateway's DPD asks a tunnel silent for its interval, the client answers, and it"
                + " sends a keepalive at the announced interval; dropped = up at setup but closed by the end of the hold;"
                + " dpd_answered counts from setup on, dpd_per_tunnel_held only the hold");
        return up == plan.tunnels() && alive == up && closed == 0
                && held.map(h -> h.withTunnels() >= up).orElse(true);
    }

    /** {@code NAME_before_mb}, {@code NAME_after_mb} and {@code NAME_per_tunnel_kb}, when both readings exist. */
    private static void perTunnel(String name, OptionalLong before, OptionalLong after, int up, Map<String, Double> summary) {
        if (before.isEmpty() || after.isEmpty()) {
            return;
        }
        summary.put(name + "_before_mb", LoginLoad.round(before.getAsLong() / 1048576.0));
        summary.put(name + "_after_mb", LoginLoad.round(after.getAsLong() / 1048576.0));
        summary.put(name + "_per_tunnel_kb", LoginLoad.round((after.getAsLong() - before.getAsLong()) / 1024.0 / up));
    }

    private static void closeAll(List<TunnelLink> links) throws InterruptedException {
        List<TunnelLink> copy;
        synchronized (links) {
            copy = new ArrayList<>(links);
        }
        copy.forEach(TunnelLink::close);
        if (!copy.isEmpty()) {
            Thread.sleep(Math.min(2000, 200 + copy.size() / 10));
        }
    }
}
