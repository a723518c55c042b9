package io.chargeledger.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chargeledger.session.api.AuthorizationStatus;
import io.chargeledger.session.api.BlockIdTag;
import io.chargeledger.session.api.ClaimSessionSlot;
import io.chargeledger.session.api.ClaimSlotAndStartSession;
import io.chargeledger.session.api.IdTagInfo;
import io.chargeledger.session.api.IdTagSessionClaimed;
import io.chargeledger.session.api.IdTagSessionReleased;
import io.chargeledger.session.api.IdTagStatus;
import io.chargeledger.session.api.IdTokens;
import io.chargeledger.session.api.RegisterIdTag;
import io.chargeledger.session.api.RequestRemoteStart;
import io.chargeledger.session.api.SessionRuleViolation;
import io.chargeledger.session.api.SessionStartConflict;
import io.chargeledger.session.api.SessionStarted;
import io.chargeledger.session.api.SessionStopped;
import io.chargeledger.session.api.StartSession;
import io.chargeledger.session.api.StopSession;
import io.chargeledger.session.api.StopSessionAndReleaseSlot;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.AnnotationCommandHandlerAdapter;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.Message;
import org.axonframework.modelling.command.AggregateAnnotationCommandHandler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The start and the stop of a charger's session with its tag's slot, on Axon's own command bus, repositories and
 * event store (in memory: the domain knows no database): what is stored, and that a failure stores neither part.
 */
class SessionSlotCommandHandlerTest {

    private static final String TAG = "CARD-1";
    private static final String TAG_STREAM = IdTokens.aggregateId(TAG);
    private static final String S1 = "5b0c7d2e-0000-4000-8000-000000000001";
    private static final String S2 = "5b0c7d2e-0000-4000-8000-000000000002";
    private static final Instant AT = Instant.parse("2026-11-26T10:00:00Z");

    private EmbeddedEventStore events;
    private CommandGateway commands;

    @BeforeEach
    void setUp() {
        events = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        EventSourcingRepository<IdTag> idTags = EventSourcingRepository.builder(IdTag.class).eventStore(events).build();
        EventSourcingRepository<ChargingSession> sessions =
                EventSourcingRepository.builder(ChargingSession.class).eventStore(events).build();
        CommandBus bus = SimpleCommandBus.builder().build();
        AggregateAnnotationCommandHandler.<IdTag>builder().aggregateType(IdTag.class).repository(idTags).build()
                .subscribe(bus);
        AggregateAnnotationCommandHandler.<ChargingSession>builder().aggregateType(ChargingSession.class)
                .repository(sessions).build().subscribe(bus);
        new AnnotationCommandHandlerAdapter<>(new SessionSlotCommandHandler(idTags, sessions)).subscribe(bus);
        commands = DefaultCommandGateway.builder().commandBus(bus).build();
    }

    @Test
    void aStartClaimsTheSlotAndRecordsTheClaimsAnswerAsTheAuthorization() {
        register(null);

        IdTagInfo answer = commands.sendAndWait(new ClaimSlotAndStartSession(start(S1, 1), false));

        assertThat(answer.status()).isEqualTo(AuthorizationStatus.Accepted);
        assertThat(payloads(TAG_STREAM)).last().isEqualTo(new IdTagSessionClaimed(TAG, S1));
        SessionStarted started = (SessionStarted) payloads(S1).get(0);
        assertThat(started.authorization()).isEqualTo(answer);
        assertThat(started.authorized()).isTrue();
    }

    @Test
    void aTagNeverRegisteredStartsTheSessionUnauthorized() {
        IdTagInfo answer = commands.sendAndWait(new ClaimSlotAndStartSession(start(S1, 1), false));

        assertThat(answer).isEqualTo(IdTagInfo.invalid());
        assertThat(payloads(TAG_STREAM)).isEmpty();
        assertThat(((SessionStarted) payloads(S1).get(0)).authorized()).isFalse();
    }

    @Test
    void aBlockedTagClaimsNothingAndItsSessionIsRecordedUnauthorized() {
        register(null);
        commands.sendAndWait(new BlockIdTag(TAG));

        IdTagInfo answer = commands.sendAndWait(new ClaimSlotAndStartSession(start(S1, 1), false));

        assertThat(answer.status()).isEqualTo(AuthorizationStatus.Blocked);
        assertThat(payloads(TAG_STREAM)).noneMatch(IdTagSessionClaimed.class::isInstance);
        assertThat(((SessionStarted) payloads(S1).get(0)).authorized()).isFalse();
    }

    @Test
    void aStartThatFailsStoresNoClaim() {
        register(1);
        StartSession broken = new StartSession(S1, 1, "CP-1", 1, TAG, 0, null, AT, null, null, null);

        assertThatThrownBy(() -> commands.sendAndWait(new ClaimSlotAndStartSession(broken, false)))
                .isInstanceOf(SessionRuleViolation.class).hasMessageContaining("chargerTimestamp");

        assertThat(payloads(TAG_STREAM)).noneMatch(IdTagSessionClaimed.class::isInstance);
        assertThat(payloads(S1)).isEmpty();
        // the one slot is still free
        assertThat(commands.<IdTagInfo>sendAndWait(new ClaimSlotAndStartSession(start(S2, 2), false)).status())
                .isEqualTo(AuthorizationStatus.Accepted);
    }

    @Test
    void aRequestedStartThatConflictsStoresNoClaim() {
        register(null);
        commands.sendAndWait(new RequestRemoteStart(S1, "CP-1", 1, "OTHER-TAG", "admin", AT.plusSeconds(60)));

        assertThatThrownBy(() -> commands.sendAndWait(new ClaimSlotAndStartSession(start(S1, 1), true)))
                .isInstanceOf(SessionStartConflict.class);

        assertThat(payloads(TAG_STREAM)).noneMatch(IdTagSessionClaimed.class::isInstance);
        assertThat(payloads(S1)).noneMatch(SessionStarted.class::isInstance);
    }

    @Test
    void aStopReleasesTheSlotAndAnswersTheTagsStanding() {
        register(1);
        commands.sendAndWait(new ClaimSlotAndStartSession(start(S1, 1), false));

        IdTagInfo answer = commands.sendAndWait(new StopSessionAndReleaseSlot(stop(S1, AT.plusSeconds(600))));

        assertThat(answer.status()).isEqualTo(AuthorizationStatus.Accepted);
        assertThat(payloads(S1)).last().isInstanceOf(SessionStopped.class);
        assertThat(payloads(TAG_STREAM)).last().isEqualTo(new IdTagSessionReleased(TAG, S1));
        assertThat(commands.<IdTagInfo>sendAndWait(new ClaimSlotAndStartSession(start(S2, 2), false)).status())
                .isEqualTo(AuthorizationStatus.Accepted);
    }

    @Test
    void aRepeatedStopStoresNothingMoreAndAnswersAgain() {
        register(null);
        commands.sendAndWait(new ClaimSlotAndStartSession(start(S1, 1), false));
        commands.sendAndWait(new StopSessionAndReleaseSlot(stop(S1, AT.plusSeconds(600))));
        int stored = payloads(S1).size() + payloads(TAG_STREAM).size();

        IdTagInfo again = commands.sendAndWait(new StopSessionAndReleaseSlot(stop(S1, AT.plusSeconds(600))));

        assertThat(again.status()).isEqualTo(AuthorizationStatus.Accepted);
        assertThat(payloads(S1).size() + payloads(TAG_STREAM).size()).isEqualTo(stored);
    }

    @Test
    void aStopThatFailsKeepsTheSlot() {
        register(1);
        commands.sendAndWait(new ClaimSlotAndStartSession(start(S1, 1), false));

        assertThatThrownBy(() -> commands.sendAndWait(new StopSessionAndReleaseSlot(stop(S1, null))))
                .isInstanceOf(SessionRuleViolation.class).hasMessageContaining("chargerTimestamp");

        assertThat(payloads(TAG_STREAM)).noneMatch(IdTagSessionReleased.class::isInstance);
        assertThat(commands.<IdTagInfo>sendAndWait(new ClaimSessionSlot(TAG, S2, AT)).status())
                .isEqualTo(AuthorizationStatus.ConcurrentTx);
    }

    @Test
    void theStopOfAnUnregisteredTagsSessionAnswersInvalid() {
        commands.sendAndWait(new ClaimSlotAndStartSession(start(S1, 1), false));

        IdTagInfo answer = commands.sendAndWait(new StopSessionAndReleaseSlot(stop(S1, AT.plusSeconds(600))));

        assertThat(answer).isEqualTo(IdTagInfo.invalid());
        assertThat(payloads(S1)).last().isInstanceOf(SessionStopped.class);
    }

    private void register(Integer maxActiveSessions) {
        commands.sendAndWait(new RegisterIdTag(TAG, IdTagStatus.Accepted, null, null, maxActiveSessions, null));
    }

    private static StartSession start(String sessionId, int transactionId) {
        return new StartSession(sessionId, transactionId, "CP-1", 1, TAG.toLowerCase(), 1000, AT, AT, null, null, null);
    }

    private static StopSession stop(String sessionId, Instant at) {
        return new StopSession(sessionId, 5000, at, AT.plusSeconds(600), null, TAG, List.of());
    }

    private List<Object> payloads(String aggregateId) {
        return events.readEvents(aggregateId).asStream().map(Message::getPayload).map(Object.class::cast).toList();
    }
}
