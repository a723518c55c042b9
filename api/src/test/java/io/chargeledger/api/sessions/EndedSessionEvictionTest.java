package io.chargeledger.api.sessions;

import static io.chargeledger.api.sessions.SessionCommands.EUR_030_PLUS_FEE;
import static io.chargeledger.api.sessions.SessionCommands.register;
import static org.assertj.core.api.Assertions.assertThat;

import io.chargeledger.api.support.ApiIntegrationTest;
import io.chargeledger.api.support.OcppTestClient;
import io.chargeledger.api.support.TestChargers;
import io.chargeledger.ocpp.sessions.TransactionRegistry;
import io.chargeledger.session.api.ExpireRemoteStart;
import io.chargeledger.session.api.MeterValuesRecorded;
import io.chargeledger.session.api.RecordRemoteStartAnswer;
import io.chargeledger.session.api.RequestRemoteStart;
import io.chargeledger.session.api.SessionStopped;
import io.chargeledger.session.api.StopSession;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The session aggregate cache holds sessions in progress: an ended session leaves it, and still takes commands. */
class EndedSessionEvictionTest extends ApiIntegrationTest {

    private static final String KEY = "eviction-key-0123456789";

    @Autowired
    CommandGateway commandGateway;
    @Autowired
    TransactionRegistry transactions;
    @Autowired
    EventStore eventStore;
    @Autowired
    Cache sessionAggregateCache;

    SessionCommands sessions;

    @BeforeEach
    void commands() {
        sessions = new SessionCommands(commandGateway, transactions);
    }

    @Test
    void aStoppedSessionLeavesTheCacheAndStillTakesLateCommands() {
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String sessionId = sessions.start(TestChargers.uniqueId("EVS"), 1, "TAG-EVICT", 1000, at, EUR_030_PLUS_FEE);
        sessions.meterValues(sessionId, register(at.plusSeconds(60), "1500"));
        assertThat(sessionAggregateCache.containsKey(sessionId)).as("a session in progress is cached").isTrue();

        sessions.stop(sessionId, 2000, at.plusSeconds(120), "Local");
        assertThat(sessionAggregateCache.containsKey(sessionId)).as("a stopped session is not").isFalse();

        // loaded from the store: a late sample is recorded as after the stop, a repeated stop changes nothing
        sessions.meterValues(sessionId, register(at.plusSeconds(130), "2000"));
        sessions.stop(sessionId, 2000, at.plusSeconds(120), "Local");
        List<? extends DomainEventMessage<?>> stream = eventStore.readEvents(sessionId).asStream().toList();
        assertThat(stream).extracting(event -> event.getPayloadType().getSimpleName())
                .containsExactly("SessionStarted", "MeterValuesRecorded", "SessionStopped", "MeterValuesRecorded");
        assertThat(((MeterValuesRecorded) stream.get(3).getPayload()).afterStop()).isTrue();
        assertThat(((SessionStopped) stream.get(2).getPayload()).energyWh()).isEqualTo(1000);
    }

    @Test
    void sessionsStoppedTogetherAllLeaveTheCache() {
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(sessions.start(TestChargers.uniqueId("EVG"), 1, "TAG-GROUP" + i, 0, at, null));
        }
        assertThat(ids).allMatch(sessionAggregateCache::containsKey);

        // sent at once, so the command bus stores many of them in one transaction (GroupCommitCommandBus)
        List<CompletableFuture<Object>> stops = ids.stream().map(id -> commandGateway.send(
                new StopSession(id, 500, at.plusSeconds(60), at.plusSeconds(61), "Local", null, List.of()))).toList();
        CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).join();

        assertThat(ids).noneMatch(sessionAggregateCache::containsKey);
        assertThat(ids).allMatch(id -> eventStore.readEvents(id).asStream()
                .anyMatch(event -> event.getPayload() instanceof SessionStopped));
    }

    @Test
    void aRemoteStartThatIsRejectedOrExpiresLeavesTheCache() {
        String cp = registerCharger("EVR", KEY);
        try (OcppTestClient charger = connectBooted(cp, KEY)) {
            String rejected = UUID.randomUUID().toString();
            commandGateway.sendAndWait(new RequestRemoteStart(rejected, cp, 1, "tag-rej", "admin",
                    Instant.now().plusSeconds(60)));
            assertThat(sessionAggregateCache.containsKey(rejected)).isTrue();
            commandGateway.sendAndWait(new RecordRemoteStartAnswer(rejected, false));
            assertThat(sessionAggregateCache.containsKey(rejected)).isFalse();

            String expired = UUID.randomUUID().toString();
            Instant expiresAt = Instant.now().plusSeconds(60);
            commandGateway.sendAndWait(new RequestRemoteStart(expired, cp, 1, "tag-exp", "admin", expiresAt));
            commandGateway.sendAndWait(new ExpireRemoteStart(expired, expiresAt));
            assertThat(sessionAggregateCache.containsKey(expired)).isFalse();
            assertThat(eventStore.readEvents(expired).asStream().map(event -> event.getPayloadType().getSimpleName()))
                    .containsExactly("RemoteStartRequested", "RemoteStartExpired");
        }
    }
}
