package org.mcalab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import java.net.URL;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The CLI's logback.xml: read without a warning (logback prints its status lines only then, or when there is no
 * configuration at all), warnings only on stderr, and {@code -Dmcalab.log} raises mcalab's loggers alone.
 */
class LoggingConfigurationTest {
    private static final URL CONFIG = GatewayCommand.class.getResource("/logback.xml");

    @Test
    void theShippedConfigurationLogsWarningsToStderrWithoutStatusNoise() throws Exception {
        assertThat(CONFIG).as("logback.xml on the CLI's classpath").isNotNull();
        LoggerContext context = configure(null);
        assertThat(context.getStatusManager().getCopyOfStatusList()).as("logback status")
                .allSatisfy(s -> assertThat(s.getEffectiveLevel()).isLessThan(Status.WARN));

        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        assertThat(root.getAppender("STDERR")).isInstanceOfSatisfying(ConsoleAppender.class,
                console -> assertThat(console.getTarget()).isEqualTo("System.err"));
        assertThat(context.getLogger("io.netty.handler.ssl.SslHandler").getEffectiveLevel()).isEqualTo(Level.WARN);
        if (System.getenv("MCALAB_LOG") == null) {
            assertThat(context.getLogger("org.mcalab.gateway.Gateway").getEffectiveLevel()).isEqualTo(Level.WARN);
        }
    }

    @Test
    void mcalabLogPropertyRaisesOnlyMcalabsLoggers() throws Exception {
        try {
            LoggerContext context = configure("debug");
            assertThat(context.getLogger("org.mcalab.gateway.Gateway").getEffectiveLevel()).isEqualTo(Level.DEBUG);
            assertThat(context.getLogger("io.netty.handler.ssl.SslHandler").getEffectiveLevel()).isEqualTo(Level.WARN);
            assertThat(context.getLogger("com.example").getEffectiveLevel()).isEqualTo(Level.WARN);
        } finally {
            configure(null);
        }
    }

    /** Reads the shipped logback.xml afresh into the running context, with {@code mcalab.log} set or cleared. */
    private static synchronized LoggerContext configure(String mcalabLog) throws JoranException {
        if (mcalabLog == null) {
            System.clearProperty("mcalab.log");
        } else {
            System.setProperty("mcalab.log", mcalabLog);
        }
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        context.getStatusManager().clear();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(CONFIG);
        return context;
    }
}
