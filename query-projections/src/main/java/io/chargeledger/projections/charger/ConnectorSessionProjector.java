package io.chargeledger.projections.charger;

import io.chargeledger.session.api.SessionStarted;
import io.chargeledger.session.api.SessionStopped;
import io.chargeledger.session.api.SessionSuperseded;
import io.chargeledger.projections.support.BatchPrefetch;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.interceptors.MessageHandlerInterceptor;
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
    private final EntityManager entities;

    public ConnectorSessionProjector(ConnectorViewRepository connectors, EntityManager entities) {
        this.connectors = connectors;
        this.entities = entities;
    }

    /**
     * Loads the rows this batch's session events touch in two queries (see {@link BatchPrefetch}): the connectors of the
     * chargers where sessions start, and those whose committed active session this batch stops.
     */
    @MessageHandlerInterceptor(messageType = EventMessage.class)
    Object prefetchBatch(EventMessage<?> event, InterceptorChain chain) throws Exception {
        BatchPrefetch.once(STARTS, ConnectorSessionProjector::startingChargerOf, chargePointIds ->
                connectors.findByChargePointIds(chargePointIds).stream()
                        .map(ConnectorView::chargePointId).toList());
        if (CurrentUnitOfWork.isStarted()) {
            Map<String, List<ConnectorView.Key>> running = CurrentUnitOfWork.get()
                    .getOrComputeResource(COMMITTED_RUNNING, key -> new HashMap<>());
            BatchPrefetch.once(STOPS, ConnectorSessionProjector::endingSessionOf, sessionIds -> {
                for (ConnectorView connector : connectors.findByActiveSessionIds(sessionIds)) {
                    running.computeIfAbsent(connector.activeSessionId(), id -> new ArrayList<>()).add(connector.key());
                }
                return running.keySet();
            });
        }
        return chain.proceed();
    }

    // By payload type first: a batch also holds events this group skips, and their payloads stay serialized.
    private static String startingChargerOf(EventMessage<?> event) {
        return SessionStarted.class.equals(event.getPayloadType())
                ? ((SessionStarted) event.getPayload()).chargePointId() : null;
    }

    // A session's events carry its sessionId as their aggregate identifier.
    private static String endingSessionOf(EventMessage<?> event) {
        return SessionStopped.class.equals(event.getPayloadType()) || SessionSuperseded.class.equals(event.getPayloadType())
                ? BatchPrefetch.aggregateIdentifier(event) : null;
    }

    @EventHandler
    void on(SessionStarted event) {
        // managed rows, changed in place (see ChargerViewProjector.update)
        ConnectorView connector = ConnectorView.existingOrNew(entities, event.chargePointId(), event.connectorId());
        connector.sessionStarted(event.sessionId(), event.transactionId());
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
    // known from its SessionStarted. Any other session's connector is found by the committed rows (the batch's
    // prefetch asked for all of them at once), without first flushing (and dirty-checking) every change the batch holds.
    private void ended(String sessionId) {
        ConnectorView.Key startedNow = startedInThisBatch().get(sessionId);
        Map<String, List<ConnectorView.Key>> committedRunning = committedRunning();
        List<ConnectorView> running = startedNow != null
                ? Stream.ofNullable(entities.find(ConnectorView.class, startedNow)).toList()
                : committedRunning != null ? committedRunning.getOrDefault(sessionId, List.of()).stream()
                        .map(key -> entities.find(ConnectorView.class, key)).filter(Objects::nonNull).toList()
                : connectors.findByActiveSessionId(sessionId);
        for (ConnectorView connector : running) {
            connector.sessionEnded(sessionId);
        }
    }

    /** sessionId -> connector, of the sessions started in the current batch (one processor transaction). */
    private static Map<String, ConnectorView.Key> startedInThisBatch() {
        return CurrentUnitOfWork.isStarted()
                ? CurrentUnitOfWork.get().getOrComputeResource(STARTED_IN_BATCH, key -> new HashMap<>())
                : new HashMap<>();
    }

    /** activeSessionId -> connectors, as committed before the current batch, for the sessions it stops. */
    private static Map<String, List<ConnectorView.Key>> committedRunning() {
        return CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get().getResource(COMMITTED_RUNNING) : null;
    }

    private static final String STARTED_IN_BATCH = ConnectorSessionProjector.class.getName() + ".startedInBatch";
    private static final String COMMITTED_RUNNING = ConnectorSessionProjector.class.getName() + ".committedRunning";
    private static final String STARTS = ChargerViewProjector.PROCESSING_GROUP + ":session-starts";
    private static final String STOPS = ChargerViewProjector.PROCESSING_GROUP + ":session-stops";
}
