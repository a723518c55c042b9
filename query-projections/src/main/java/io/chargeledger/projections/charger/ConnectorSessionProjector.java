package io.chargeledger.projections.charger;

import io.chargeledger.session.api.SessionStarted;
import io.chargeledger.session.api.SessionStopped;
import io.chargeledger.session.api.SessionSuperseded;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * The active session per connector, in the charger read model. Part of the charger view's processing group
 * (same order, same transaction, same reset), kept apart because its events come from the session domain.
 * Setting and clearing by session id is idempotent, so replays are safe.
 */
@Component
@ProcessingGroup(ChargerViewProjector.PROCESSING_GROUP)
public class ConnectorSessionProjector {

    private final ConnectorViewRepository connectors;

    public ConnectorSessionProjector(ConnectorViewRepository connectors) {
        this.connectors = connectors;
    }

    @EventHandler
    void on(SessionStarted event) {
        ConnectorView connector = connectors.findById(new ConnectorView.Key(event.chargePointId(), event.connectorId()))
                .orElseGet(() -> new ConnectorView(event.chargePointId(), event.connectorId()));
        connector.sessionStarted(event.sessionId(), event.transactionId());
        connectors.save(connector);
        startedInThisBatch().put(event.sessionId(), new ConnectorView.Key(event.chargePointId(), event.connectorId()));
    }

    @EventHandler
    void on(SessionStopped event) {
        ended(event.sessionId());
    }

    @EventHandler
    void on(SessionSuperseded event) {
        ended(event.sessionId());
    }

    // A session started in this batch is not in the database yet (the batch commits as a whole): its connector is
    // known from its SessionStarted. Any other session's connector is found by the committed rows, without first
    // flushing (and dirty-checking) every change the batch holds.
    private void ended(String sessionId) {
        ConnectorView.Key startedNow = startedInThisBatch().get(sessionId);
        List<ConnectorView> running = startedNow != null
                ? connectors.findById(startedNow).stream().toList()
                : connectors.findByActiveSessionId(sessionId);
        for (ConnectorView connector : running) {
            connector.sessionEnded(sessionId);
            connectors.save(connector);
        }
    }

    /** sessionId -> connector, of the sessions started in the current batch (one processor transaction). */
    private static Map<String, ConnectorView.Key> startedInThisBatch() {
        return CurrentUnitOfWork.isStarted()
                ? CurrentUnitOfWork.get().getOrComputeResource(STARTED_IN_BATCH, key -> new HashMap<>())
                : new HashMap<>();
    }

    private static final String STARTED_IN_BATCH = ConnectorSessionProjector.class.getName() + ".startedInBatch";
}
