package io.lodestar.acs.cwmp.session;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.lodestar.acs.core.rpc.GetParameterNames;
import io.lodestar.acs.core.rpc.GetParameterNamesResponse;
import io.lodestar.acs.core.rpc.GetParameterValuesResponse;
import io.lodestar.acs.core.rpc.ParameterValueStruct;
import io.lodestar.acs.core.task.TaskAction;
import io.lodestar.acs.cwmp.auth.AllowAll;
import io.lodestar.acs.cwmp.event.RecordingListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;

import static io.lodestar.acs.cwmp.session.EmbeddedSessionFixture.CPE_ADDRESS;
import static io.lodestar.acs.cwmp.session.EmbeddedSessionFixture.answer;
import static io.lodestar.acs.cwmp.session.EmbeddedSessionFixture.inform;
import static org.assertj.core.api.Assertions.assertThat;

/** The session's log line: INFO when the session did something, DEBUG for a plain periodic Inform. */
class SessionLogTest {

    @TempDir
    Path dir;

    private EmbeddedSessionFixture fixture;
    private SessionService service;
    private final Logger logger = (Logger) LoggerFactory.getLogger("io.lodestar.acs.session");
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private Level levelBefore;

    @BeforeEach
    void setUp() {
        fixture = new EmbeddedSessionFixture(dir);
        service = fixture.service(AllowAll.INSTANCE, new RecordingListener());
        levelBefore = logger.getLevel();
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void tearDown() {
        logger.detachAppender(logged);
        logger.setLevel(levelBefore);
        fixture.close();
    }

    private void periodicSessionWithNothingToDo() {
        LiveSession session = ((CpeReply.Message) service.handle(null, inform("1", "2 PERIODIC"), CPE_ADDRESS))
                .session();
        assertThat(service.handle(session, null, CPE_ADDRESS)).isInstanceOf(CpeReply.SessionEnded.class);
    }

    private List<ILoggingEvent> sessionLines() {
        return logged.list.stream().filter(e -> e.getFormattedMessage().startsWith("session device=")).toList();
    }

    @Test
    void aPeriodicSessionThatOnlyInformedIsLoggedAtDebug() {
        logger.setLevel(Level.DEBUG);
        fixture.storeKnownPhone();

        periodicSessionWithNothingToDo();

        assertThat(sessionLines()).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.DEBUG);
            assertThat(e.getFormattedMessage()).contains("events=[2 PERIODIC]", "rpcs=[Inform]", "outcome=ok");
        });
    }

    @Test
    void aPeriodicSessionThatOnlyInformedLeavesNoLineAtInfo() {
        logger.setLevel(Level.INFO);
        fixture.storeKnownPhone();

        periodicSessionWithNothingToDo();

        assertThat(sessionLines()).isEmpty();
    }

    @Test
    void aSessionThatRanATaskIsLoggedAtInfo() {
        logger.setLevel(Level.INFO);
        fixture.storeKnownPhone();
        fixture.queue(new TaskAction.GetParameterValues(List.of("Device.DeviceInfo.UpTime")));

        LiveSession session = ((CpeReply.Message) service.handle(null, inform("1", "2 PERIODIC"), CPE_ADDRESS))
                .session();
        service.handle(session, null, CPE_ADDRESS);
        service.handle(session, answer(new GetParameterValuesResponse(
                List.of(ParameterValueStruct.string("Device.DeviceInfo.UpTime", "42")))), CPE_ADDRESS);

        assertThat(sessionLines()).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.INFO);
            assertThat(e.getFormattedMessage()).contains("rpcs=[Inform, GetParameterValues]", "tasks=1");
        });
    }

    @Test
    void aBootstrapSessionIsLoggedAtInfo() {
        logger.setLevel(Level.INFO);
        fixture.storeKnownPhone();

        LiveSession session = ((CpeReply.Message) service.handle(null, inform("1", "0 BOOTSTRAP"), CPE_ADDRESS))
                .session();
        CpeReply next = service.handle(session, null, CPE_ADDRESS);
        for (int i = 0; i < 10 && next instanceof CpeReply.Message message; i++) {
            assertThat(message.envelope().message()).isInstanceOf(GetParameterNames.class);
            next = service.handle(session, answer(new GetParameterNamesResponse(List.of())), CPE_ADDRESS);
        }
        assertThat(next).isInstanceOf(CpeReply.SessionEnded.class);

        assertThat(sessionLines()).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.INFO);
            assertThat(e.getFormattedMessage()).contains("0 BOOTSTRAP");
        });
    }

    @Test
    void aSessionEndedForAnyOtherReasonThanOkIsLoggedAtInfo() {
        logger.setLevel(Level.INFO);
        fixture.storeKnownPhone();
        LiveSession session = ((CpeReply.Message) service.handle(null, inform("1", "2 PERIODIC"), CPE_ADDRESS))
                .session();

        service.end(session, "idle timeout");

        assertThat(sessionLines()).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.INFO);
            assertThat(e.getFormattedMessage()).contains("outcome=idle timeout");
        });
    }
}
