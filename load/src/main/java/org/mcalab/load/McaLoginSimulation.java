package org.mcalab.load;

import static io.gatling.javaapi.core.CoreDsl.ByteArrayBody;
import static io.gatling.javaapi.core.CoreDsl.bodyBytes;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ClosedInjectionStep;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Duration;
import org.mcalab.protocol.ClientProfile;

/**
 * The Gatling simulation of one MCA login per virtual user, openconnect-shaped: the user's own machine certificate in
 * TLS (per-user key manager), {@code POST init}, sign the exact auth-request bytes with the user key, {@code POST
 * auth-reply} echoing the opaque, expect {@code complete}. In single-certificate mode the init alone must be answered
 * with complete. Not run by hand: {@link LoginLoad} hands it the plan.
 */
public final class McaLoginSimulation extends Simulation {

    public McaLoginSimulation() {
        LoginRun run = LoginRun.current();
        LoginPlan plan = run.plan;
        HttpProtocolBuilder protocol = http.baseUrl(plan.baseUrl())
                .userAgentHeader(ClientProfile.OPENCONNECT.userAgent())
                .headers(ClientProfile.OPENCONNECT.authHeaders())
                .contentTypeHeader(ClientProfile.CONTENT_TYPE)
                .perUserKeyManagerFactory(userId -> run.identity(userId).tlsKeys())
                .disableWarmUp()
                .disableCaching();

        HttpRequestActionBuilder init = http("init").post(plan.path())
                .body(ByteArrayBody(run.initBody))
                .check(status().saveAs(LoginRun.INIT_STATUS), bodyBytes().saveAs(LoginRun.CHALLENGE));
        if (plan.newConnection() && !plan.singleCert()) {
            // openconnect with -c closes the connection after each answer; Gatling then opens a new one
            init = init.header("Connection", "close");
        }
        ScenarioBuilder login = scenario(plan.singleCert() ? "certificate login" : "MCA login")
                .exec(run::begin)
                .exec(init)
                .exec(run::prepareReply)
                .doIf(session -> session.contains(LoginRun.REPLY)).then(exec(
                        http("auth-reply").post(plan.path())
                                .body(ByteArrayBody(session -> session.<byte[]>get(LoginRun.REPLY)))
                                .check(status().saveAs(LoginRun.REPLY_STATUS), bodyBytes().saveAs(LoginRun.RESULT))))
                .exec(run::finish);

        Duration ramp = Duration.ofMillis(Math.max(1, Math.round(plan.users() / plan.rate() * 1000)));
        boolean warm = !plan.warmup().isZero();
        PopulationBuilder population;
        if (plan.closedModel()) {
            ClosedInjectionStep measured = constantConcurrentUsers(plan.concurrency()).during(plan.duration());
            population = warm
                    ? login.injectClosed(constantConcurrentUsers(plan.concurrency()).during(plan.warmup()), measured)
                    : login.injectClosed(measured);
        } else {
            OpenInjectionStep measured = rampUsers(plan.users()).during(ramp);
            population = warm
                    ? login.injectOpen(constantUsersPerSec(plan.rate()).during(plan.warmup()), measured)
                    : login.injectOpen(measured);
        }
        setUp(population)
                .protocols(protocol)
                .maxDuration(plan.bound());
    }
}
