package io.logagent.core.problem;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemReporterTest {

    private static final ConnectionProblem WRONG_PASSWORD = new ConnectionProblem(ConnectionProblem.Kind.AUTHENTICATION,
            "kafka", "127.0.0.1:9093", "refused user 'agent'", "wrong [kafka] password");

    private final Logger logger = (Logger) LoggerFactory.getLogger("test.problems");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final SteppedClock clock = new SteppedClock();
    private final ProblemReporter reporter = ProblemReporter.perMinute(logger, clock);

    ProblemReporterTest() {
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(appender);
    }

    @Test
    void theLineNamesServerAndSetting() {
        assertThat(WRONG_PASSWORD.line())
                .isEqualTo("kafka 127.0.0.1:9093 refused user 'agent': wrong [kafka] password");
    }

    @Test
    void logsOneErrorLinePerMinuteAndSaysHowManyItStandsFor() {
        for (int i = 0; i < 10; i++) {
            reporter.report(WRONG_PASSWORD);
            clock.advance(Duration.ofSeconds(7));
        }
        assertThat(appender.list).hasSize(2);
        assertThat(appender.list.get(0).getLevel()).isEqualTo(Level.ERROR);
        assertThat(appender.list.get(0).getFormattedMessage()).isEqualTo(WRONG_PASSWORD.line());
        assertThat(appender.list.get(1).getFormattedMessage())
                .isEqualTo(WRONG_PASSWORD.line() + " (8 more since the last report)");
    }

    @Test
    void remembersTheLatestProblemUntilCleared() {
        assertThat(reporter.current()).isEmpty();
        reporter.report(WRONG_PASSWORD);
        assertThat(reporter.current()).contains(WRONG_PASSWORD);
        reporter.clear();
        assertThat(reporter.current()).isEmpty();
    }

    @Test
    void theExceptionCarriesTheLineAsItsMessage() {
        ConnectionProblemException e = new ConnectionProblemException(WRONG_PASSWORD, new RuntimeException("raw"));
        assertThat(e).hasMessage(WRONG_PASSWORD.line());
        assertThat(e.problem()).isEqualTo(WRONG_PASSWORD);
    }
}
