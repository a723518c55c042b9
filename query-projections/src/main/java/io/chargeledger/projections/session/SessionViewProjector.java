package io.chargeledger.projections.session;

import io.chargeledger.projections.api.FindSession;
import io.chargeledger.projections.api.ListSessions;
import io.chargeledger.projections.api.SessionPage;
import io.chargeledger.projections.api.SessionSummary;
import io.chargeledger.session.api.IdTokens;
import io.chargeledger.session.api.MeterSample;
import io.chargeledger.session.api.MeterValuesRecorded;
import io.chargeledger.session.api.RemoteStartAccepted;
import io.chargeledger.session.api.RemoteStartExpired;
import io.chargeledger.session.api.RemoteStartRejected;
import io.chargeledger.session.api.RemoteStartRequested;
import io.chargeledger.session.api.RemoteStopRequested;
import io.chargeledger.session.api.SessionAnomalyFlagged;
import io.chargeledger.session.api.SessionStarted;
import io.chargeledger.session.api.SessionStopped;
import io.chargeledger.session.api.SessionSuperseded;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.Predicate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.messaging.interceptors.MessageHandlerInterceptor;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.eventhandling.EventMessage;
import io.chargeledger.projections.support.BatchPrefetch;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import io.chargeledger.projections.api.LiveUpdate;
import io.chargeledger.projections.api.WatchSessions;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Component;

/**
 * Builds the session read model. Each handler skips events the session view has already applied (by the event's
 * sequence number in the session's stream), so replays are safe. The samples behind session charts are read from the
 * session's events ({@link SessionMeterSamples}); here a MeterValues event only moves the time of the last one.
 */
@Component
@ProcessingGroup(SessionViewProjector.PROCESSING_GROUP)
public class SessionViewProjector {

    public static final String PROCESSING_GROUP = "session-view";

    private final SessionViewRepository sessions;
    private final QueryUpdateEmitter updates;
    private final EntityManager entities;

    public SessionViewProjector(SessionViewRepository sessions, QueryUpdateEmitter updates, EntityManager entities) {
        this.sessions = sessions;
        this.entities = entities;
        this.updates = updates;
    }

    /**
     * Loads every session this batch touches in one query (see {@link BatchPrefetch}); a session's events carry its
     * id. Sessions the batch only meters are not loaded: their rows are updated in place ({@link MeterUpdates}).
     */
    @MessageHandlerInterceptor(messageType = EventMessage.class)
    Object prefetchBatch(EventMessage<?> event, InterceptorChain chain) throws Exception {
        MeterUpdates meterUpdates = MeterUpdates.ofBatch(entities);
        BatchPrefetch.once(PROCESSING_GROUP,
                message -> message.getPayload() instanceof MeterValuesRecorded ? null : BatchPrefetch.aggregateIdentifier(message),
                ids -> {
                    List<String> found = sessions.findAllByIds(ids).stream().map(SessionView::sessionId).toList();
                    if (meterUpdates != null) {
                        meterUpdates.inMemory(found);
                    }
                    return found;
                });
        return chain.proceed();
    }

    @EventHandler
    void on(RemoteStartRequested event, @SequenceNumber long sequence, @Timestamp Instant at) {
        create(event.sessionId(), sequence, view -> view.remoteStartRequested(event.chargePointId(),
                event.connectorId(), event.idTag(), event.requestedBy(), event.expiresAt(), at));
    }

    @EventHandler
    void on(RemoteStartAccepted event, @SequenceNumber long sequence) {
        update(event.sessionId(), sequence, view -> view.remoteStartAnswered(true));
    }

    @EventHandler
    void on(RemoteStartRejected event, @SequenceNumber long sequence) {
        update(event.sessionId(), sequence, view -> view.remoteStartAnswered(false));
    }

    @EventHandler
    void on(RemoteStartExpired event, @SequenceNumber long sequence) {
        update(event.sessionId(), sequence, view -> view.remoteStartExpired(event.expiredAt()));
    }

    // Creates the view for a charger-initiated start, or completes the one of the remote start it binds to.
    @EventHandler
    void on(SessionStarted event, @SequenceNumber long sequence) {
        create(event.sessionId(), sequence, view -> view.started(event.transactionId(), event.chargePointId(),
                event.connectorId(), event.idTag(), event.meterStartWh(), event.chargerTimestamp(),
                event.receivedAt(), event.tariff(), event.authorized(),
                event.authorization() == null || event.authorization().status() == null
                        ? null : event.authorization().status().name(),
                event.reservationId()));
    }

    // Most of a session's events are MeterValues, and each only moves two columns: unless the batch holds the session's
    // row anyway (or a console watches sessions live), the row is updated in place with one batched statement instead
    // of being loaded, compared field by field and written back whole.
    @EventHandler
    void on(MeterValuesRecorded event, @SequenceNumber long sequence) {
        Instant latest = latestSampleTime(event);
        MeterUpdates meterUpdates = MeterUpdates.ofBatch(entities);
        // rows created in this batch are in memory too (create)
        if (meterUpdates == null || meterUpdates.isInMemory(event.sessionId()) || watched()) {
            update(event.sessionId(), sequence, view -> view.metered(latest));
        } else {
            meterUpdates.meter(event.sessionId(), latest, sequence);
        }
    }

    private static Instant latestSampleTime(MeterValuesRecorded event) {
        Instant latest = null;
        for (MeterSample sample : event.samples()) {
            if (sample.timestamp() != null && (latest == null || sample.timestamp().isAfter(latest))) {
                latest = sample.timestamp();
            }
        }
        return latest;
    }

    @EventHandler
    void on(RemoteStopRequested event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.sessionId(), sequence, view -> view.remoteStopRequested(event.requestedBy(), at));
    }

    @EventHandler
    void on(SessionAnomalyFlagged event, @SequenceNumber long sequence) {
        update(event.sessionId(), sequence, view -> view.flag(event.anomaly(), event.detail()));
    }

    @EventHandler
    void on(SessionSuperseded event, @SequenceNumber long sequence) {
        update(event.sessionId(), sequence, view -> view.superseded(event.supersededBy()));
    }

    @EventHandler
    void on(SessionStopped event, @SequenceNumber long sequence) {
        update(event.sessionId(), sequence, view -> view.stopped(event.meterStopWh(), event.reason(),
                event.chargerTimestamp(), event.receivedAt(), event.energyWh(), event.cost(), event.currency(),
                event.stopIdTag(), event.anomalies()));
    }

    @ResetHandler
    void reset() {
        // Deleted, not truncated: a truncated table has no statistics until the next ANALYZE, and statements the
        // projection prepares meanwhile may keep a plan made for an empty table (a full scan per lookup) while the
        // replay refills it with a hundred thousand rows (measured: seconds of scans per replay).
        sessions.deleteAllInBatch();
    }

    @QueryHandler
    Optional<SessionSummary> handle(FindSession query) {
        return query.sessionId() == null ? Optional.empty()
                : sessions.findById(query.sessionId()).map(SessionView::toSummary);
    }

    @QueryHandler
    SessionPage handle(ListSessions query) {
        Page<SessionView> page = sessions.findAll(filter(query), PageRequest.of(query.page(), query.size(),
                Sort.by(Sort.Order.desc("beganAt"), Sort.Order.desc("sessionId"))));
        return new SessionPage(page.map(SessionView::toSummary).getContent(), query.page(), query.size(),
                page.getTotalElements(), page.getTotalPages());
    }

    private void create(String sessionId, long sequence, Consumer<SessionView> change) {
        SessionView view = BatchPrefetch.existingOrNew(PROCESSING_GROUP, sessionId, sessions::findById, SessionView::new);
        loaded(view);
        apply(view, sequence, change);
    }

    // A session's stream always begins with RemoteStartRequested or SessionStarted, and a processor handles one
    // session's events in order, so the view exists for every later event. Looked up in the batch's persistence
    // context directly: the prefetch put it there, and the repository's proxy chain cost more than the lookup.
    private void update(String sessionId, long sequence, Consumer<SessionView> change) {
        SessionView view = BatchPrefetch.<SessionView>createdInBatch(PROCESSING_GROUP, sessionId)
                .orElseGet(() -> entities.find(SessionView.class, sessionId));
        if (view != null) {
            loaded(view);
            apply(view, sequence, change);
        }
    }

    /** From now on the batch changes this session's row in memory; meter values it held back for it come first. */
    private void loaded(SessionView view) {
        MeterUpdates meterUpdates = MeterUpdates.ofBatch(entities);
        if (meterUpdates != null) {
            meterUpdates.takeHeldBack(view.sessionId()).ifPresent(held ->
                    apply(view, held.sequence(), metered -> metered.metered(held.latest())));
            meterUpdates.inMemory(List.of(view.sessionId()));
        }
    }

    private boolean watched() {
        return updates.activeSubscriptions().stream()
                .anyMatch(subscription -> WatchSessions.class.equals(subscription.getPayloadType()));
    }

    private void apply(SessionView view, long sequence, Consumer<SessionView> change) {
        if (view.alreadyApplied(sequence)) {
            return;
        }
        change.accept(view);
        view.applied(sequence);
        // a stored view is managed: its changes are flushed with the batch (a save would merge it into itself)
        if (view.isNew()) {
            BatchPrefetch.insertAtCommit(PROCESSING_GROUP, view.sessionId(), view, sessions::save);
        }
        // held back by Axon until the unit of work (and the read model's transaction) has committed
        if (watched()) {
            updates.emit(WatchSessions.class, query -> true, new LiveUpdate(LiveUpdate.SESSION, view.toSummary()));
        }
    }

    @QueryHandler
    Boolean handle(WatchSessions query) {
        return Boolean.TRUE;
    }

    private static Specification<SessionView> filter(ListSessions query) {
        return (root, criteria, builder) -> {
            List<Predicate> predicates = new ArrayList<>();
            if (query.chargePointId() != null) {
                predicates.add(builder.equal(root.get("chargePointId"), query.chargePointId()));
            }
            if (query.idTag() != null) {
                predicates.add(builder.equal(root.get("idTag"), IdTokens.canonical(query.idTag())));
            }
            if (query.status() != null) {
                predicates.add(builder.equal(root.get("status"), query.status().name()));
            }
            if (query.from() != null) {
                predicates.add(builder.greaterThanOrEqualTo(root.get("beganAt"), query.from()));
            }
            if (query.to() != null) {
                predicates.add(builder.lessThan(root.get("beganAt"), query.to()));
            }
            return builder.and(predicates.toArray(Predicate[]::new));
        };
    }
}
