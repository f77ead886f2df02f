package org.mcalab.lab;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.mcalab.reports.model.TraceLine;

/**
 * What only an embedded (in-process) gateway can offer the suite: its clock, its debug trace, its session
 * database and trustpoint views. A remote target has none of this; scenarios that need it declare so
 * ({@code needs}) and are skipped there.
 */
public interface GatewayControl {
    /** Moves the gateway's clock forward (the 3-minute auth-info timer, MCA-FLOW-5). */
    void advanceClock(Duration by);

    /** The sequence number of the newest trace event; pass it to {@link #traceSince}. */
    long traceMark();

    /** Trace lines emitted after {@code mark}, oldest first. */
    List<TraceLine> traceSince(long mark);

    /** The session a token belongs to, if the gateway has one. */
    Optional<SessionView> session(String sessionToken);

    /** The {@code show crypto ca certificate} view of the installed trustpoints (MCA-SES-5). */
    String trustpointsView();

    /** How many MCA auth-info entries are waiting for an answer, when the gateway can tell (MCA-ROB-3). */
    OptionalInt pendingAuthInfos();
}
