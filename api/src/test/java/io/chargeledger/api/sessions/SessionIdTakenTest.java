package io.chargeledger.api.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chargeledger.api.support.ApiIntegrationTest;
import io.chargeledger.api.support.TestChargers;
import io.chargeledger.ocpp.sessions.TransactionRegistry;
import io.chargeledger.session.api.SessionStarted;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A new session is created without looking for an old one first: the store itself refuses an id that is taken. */
class SessionIdTakenTest extends ApiIntegrationTest {

    @Autowired
    CommandGateway commandGateway;
    @Autowired
    TransactionRegistry transactions;
    @Autowired
    EventStore eventStore;

    @Test
    void aSecondNewSessionUnderTheSameIdIsRefusedAndChangesNothing() {
        SessionCommands sessions = new SessionCommands(commandGateway, transactions);
        String cp = TestChargers.uniqueId("TAKEN");
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String sessionId = sessions.start(cp, 1, "tag-taken", 0, at, null);
        int firstTransaction = transactions.findByStartKey(TransactionRegistry.startKey(cp, 1, "TAG-TAKEN", at, 0))
                .orElseThrow().transactionId();

        assertThatThrownBy(() -> sessions.start(sessionId, cp, 2, "tag-other", 5, at.plusSeconds(60), null,
                io.chargeledger.session.api.AuthorizationStatus.Accepted))
                .hasMessageContaining(sessionId);

        assertThat(eventStore.readEvents(sessionId).asStream().toList())
                .singleElement()
                .satisfies(event -> assertThat(((SessionStarted) event.getPayload()).transactionId())
                        .isEqualTo(firstTransaction));
        assertThat(transactions.openOnConnector(cp, 2)).isEmpty();
    }
}
