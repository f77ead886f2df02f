package org.mcalab.lab;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.mcalab.fixtures.LabClock;
import org.mcalab.gateway.RunningGateway;
import org.mcalab.gateway.admin.CryptoCaView;
import org.mcalab.gateway.session.Counters;
import org.mcalab.gateway.session.Session;
import org.mcalab.gateway.session.TunnelRow;
import org.mcalab.gateway.trace.TraceEvent;
import org.mcalab.reports.model.TraceLine;
import org.mcalab.lab.GatewayControl;
import org.mcalab.lab.SessionView;

/** The suite's view into the in-process reference gateway: its clock, trace, session database and trustpoints. */
public final class EmbeddedControl implements GatewayControl {
    private final RunningGateway gateway;
    private final LabClock clock;

    public EmbeddedControl(RunningGateway gateway, LabClock clock) {
        this.gateway = gateway;
        this.clock = clock;
    }

    @Override
    public void advanceClock(Duration by) {
        clock.advance(by);
    }

    @Override
    public long traceMark() {
        return gateway.trace().lastSeq();
    }

    @Override
    public List<TraceLine> traceSince(long mark) {
        return gateway.trace().eventsSince(mark).stream().map(EmbeddedControl::line).toList();
    }

    private static TraceLine line(TraceEvent e) {
        return new TraceLine(e.time().toString(), e.category().command(),
                (e.correlation() == null ? "" : "[" + e.correlation() + "] ") + e.message());
    }

    @Override
    public Optional<SessionView> session(String sessionToken) {
        return gateway.sessions().findActive(sessionToken).map(this::view);
    }

    private SessionView view(Session s) {
        var login = s.login();
        return new SessionView(login.username(), login.tunnelGroup(), login.groupPolicy(),
                s.assignedIp().map(a -> a.getHostAddress()).orElse(null), login.authMode().display(),
                org.mcalab.gateway.session.SessionView.detail(List.of(s), clock.instant()),
                s.tunnels().stream().map(EmbeddedControl::tunnel).toList());
    }

    private static SessionView.Tunnel tunnel(TunnelRow row) {
        Counters.Snapshot c = row.counters().snapshot();
        return new SessionView.Tunnel(row.kind().display(), c.bytesTx(), c.bytesRx(), c.pktsTx(), c.pktsRx(),
                c.pktsTxDrop(), c.pktsRxDrop());
    }

    @Override
    public String trustpointsView() {
        return CryptoCaView.render(gateway.config());
    }

    @Override
    public OptionalInt pendingAuthInfos() {
        return OptionalInt.of(gateway.pendingAuthentications());
    }
}
