package io.chargeledger.projections.charger;

import io.chargeledger.session.api.SessionStarted;
import io.chargeledger.session.api.SessionStopped;
import io.chargeledger.session.api.SessionSuperseded;
import org.axonframework.config.ProcessingGroup;
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
    }

    @EventHandler
    void on(SessionStopped event) {
        ended(event.sessionId());
    }

    @EventHandler
    void on(SessionSuperseded event) {
        ended(event.sessionId());
    }

    private void ended(String sessionId) {
        for (ConnectorView connector : connectors.findByActiveSessionId(sessionId)) {
            connector.sessionEnded(sessionId);
            connectors.save(connector);
        }
    }
}
