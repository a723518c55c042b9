package io.chargeledger.projections.charger;

import io.chargeledger.charger.api.ChargerAccepted;
import io.chargeledger.charger.api.ChargerBooted;
import io.chargeledger.charger.api.ChargerConnected;
import io.chargeledger.charger.api.ChargerDecommissioned;
import io.chargeledger.charger.api.ChargerDetailsUpdated;
import io.chargeledger.charger.api.ChargerDisconnected;
import io.chargeledger.charger.api.ChargerRegistered;
import io.chargeledger.charger.api.ChargerSeen;
import io.chargeledger.charger.api.ConnectorStatusChanged;
import io.chargeledger.charger.api.DiagnosticsStatusReported;
import io.chargeledger.charger.api.FirmwareStatusReported;
import io.chargeledger.charger.api.UnknownChargerRegistered;
import io.chargeledger.projections.api.ConnectedCharger;
import io.chargeledger.projections.api.ConnectorSummary;
import io.chargeledger.projections.api.FindChargersConnectedToNode;
import io.chargeledger.projections.api.ChargerPage;
import io.chargeledger.projections.api.ChargerSummary;
import io.chargeledger.projections.api.FindCharger;
import io.chargeledger.projections.api.ListChargers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
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
import io.chargeledger.projections.api.LiveConnector;
import io.chargeledger.projections.api.LiveUpdate;
import io.chargeledger.projections.api.WatchChargers;
import jakarta.persistence.EntityManager;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Component;

/** Builds the charger list read model. Each handler skips events it has already applied, so replays are safe. */
@Component
@ProcessingGroup(ChargerViewProjector.PROCESSING_GROUP)
public class ChargerViewProjector {

    public static final String PROCESSING_GROUP = "charger-view";

    private final ChargerViewRepository repository;
    private final ConnectorViewRepository connectors;
    private final QueryUpdateEmitter updates;
    private final EntityManager entities;

    public ChargerViewProjector(ChargerViewRepository repository, ConnectorViewRepository connectors,
                                QueryUpdateEmitter updates, EntityManager entities) {
        this.repository = repository;
        this.connectors = connectors;
        this.updates = updates;
        this.entities = entities;
    }

    /** Loads every charger this batch touches, with its connectors, in two queries (see {@link BatchPrefetch}). */
    @MessageHandlerInterceptor(messageType = EventMessage.class)
    Object prefetchBatch(EventMessage<?> event, InterceptorChain chain) throws Exception {
        BatchPrefetch.once(PROCESSING_GROUP, ChargerViewProjector::chargePointIdOf, ids -> {
            connectors.findByChargePointIds(ids);
            return repository.findAllByIds(ids).stream().map(ChargerView::chargePointId).toList();
        });
        return chain.proceed();
    }

    /** A charger's events carry its chargePointId as their aggregate identifier. */
    private static String chargePointIdOf(EventMessage<?> event) {
        return ChargerRegistered.class.getPackageName().equals(event.getPayloadType().getPackageName())
                ? BatchPrefetch.aggregateIdentifier(event) : null;
    }

    @EventHandler
    void on(ChargerRegistered event, @SequenceNumber long sequence, @Timestamp Instant at) {
        ChargerView view = repository.findById(event.chargePointId())
                .orElseGet(() -> new ChargerView(event.chargePointId(), at));
        if (view.alreadyApplied(sequence)) {
            return;
        }
        view.applyDetails(event.details(), event.securityProfile());
        view.applied(sequence);
        repository.save(view);
        emitCharger(view);
    }

    @EventHandler
    void on(UnknownChargerRegistered event, @SequenceNumber long sequence, @Timestamp Instant at) {
        ChargerView view = repository.findById(event.chargePointId())
                .orElseGet(() -> new ChargerView(event.chargePointId(), at));
        if (view.alreadyApplied(sequence)) {
            return;
        }
        view.pendingApproval(true);
        view.applied(sequence);
        repository.save(view);
        emitCharger(view);
    }

    @EventHandler
    void on(ChargerAccepted event, @SequenceNumber long sequence) {
        update(event.chargePointId(), sequence, view -> view.pendingApproval(false));
    }

    @EventHandler
    void on(ChargerBooted event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.chargePointId(), sequence, view -> view.booted(event.bootInfo(),
                event.registrationStatus().name(), at));
    }

    @EventHandler
    void on(ConnectorStatusChanged event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.chargePointId(), sequence, view -> {
            ConnectorView connector = ConnectorView.existingOrNew(entities, event.chargePointId(), event.connectorId());
            connector.update(event.status(), event.errorCode(), event.info(), event.vendorId(),
                    event.vendorErrorCode(), event.timestamp(), at);
            view.seen(at);
            if (watched()) {
                updates.emit(WatchChargers.class, query -> true, new LiveUpdate(LiveUpdate.CONNECTOR,
                        new LiveConnector(event.chargePointId(), connector.toSummary())));
            }
        });
    }

    @EventHandler
    void on(ChargerSeen event, @SequenceNumber long sequence) {
        update(event.chargePointId(), sequence, view -> view.seen(event.lastSeen()));
    }

    @EventHandler
    void on(FirmwareStatusReported event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.chargePointId(), sequence, view -> view.firmwareStatus(event.status(), at));
    }

    @EventHandler
    void on(DiagnosticsStatusReported event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.chargePointId(), sequence, view -> view.diagnosticsStatus(event.status(), at));
    }

    @EventHandler
    void on(ChargerDetailsUpdated event, @SequenceNumber long sequence) {
        update(event.chargePointId(), sequence, view -> view.applyDetails(event.details(), event.securityProfile()));
    }

    @EventHandler
    void on(ChargerConnected event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.chargePointId(), sequence,
                view -> view.markConnected(event.nodeId(), event.connectionId(), event.remoteAddress(), at));
    }

    @EventHandler
    void on(ChargerDisconnected event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.chargePointId(), sequence, view -> view.markDisconnected(event.connectionId(), at));
    }

    @EventHandler
    void on(ChargerDecommissioned event, @SequenceNumber long sequence) {
        update(event.chargePointId(), sequence, ChargerView::decommission);
    }

    @ResetHandler
    void reset() {
        connectors.deleteAllInBatch();
        repository.deleteAllInBatch();
    }

    @QueryHandler
    Optional<ChargerSummary> handle(FindCharger query) {
        return repository.findById(query.chargePointId()).map(view -> view.toSummary(
                connectors.findByChargePointIdOrderByConnectorId(query.chargePointId()).stream()
                        .map(ConnectorView::toSummary).toList()));
    }

    @QueryHandler
    ChargerPage handle(ListChargers query) {
        Page<ChargerView> page = repository.findAll(filter(query),
                PageRequest.of(query.page(), query.size(), Sort.by("chargePointId")));
        Map<String, List<ConnectorSummary>> connectorsByCharger =
                connectorsByCharger(page.map(ChargerView::chargePointId).getContent());
        return new ChargerPage(page.map(view -> view.toSummary(
                        connectorsByCharger.getOrDefault(view.chargePointId(), List.of()))).getContent(),
                query.page(), query.size(), page.getTotalElements(), page.getTotalPages());
    }

    @QueryHandler
    List<ConnectedCharger> handle(FindChargersConnectedToNode query) {
        return repository.findByConnectedTrueAndNodeId(query.nodeId()).stream()
                .map(view -> new ConnectedCharger(view.chargePointId(), view.connectionId()))
                .toList();
    }

    // Looked up in the batch's persistence context directly (the prefetch put the charger there) and changed in place:
    // a managed row is flushed with the batch. Through the repository, each lookup and save passed Spring's proxy
    // chain and a save merged the row into itself, for every event.
    private void update(String chargePointId, long sequence, Consumer<ChargerView> change) {
        ChargerView view = entities.find(ChargerView.class, chargePointId);
        if (view == null || view.alreadyApplied(sequence)) {
            return;
        }
        change.accept(view);
        view.applied(sequence);
        emitCharger(view);
    }

    @QueryHandler
    Boolean handle(WatchChargers query) {
        return Boolean.TRUE;
    }

    /** Whether any live subscriber listens: the update is only built then. */
    private boolean watched() {
        return updates.activeSubscriptions().stream()
                .anyMatch(subscription -> WatchChargers.class.equals(subscription.getPayloadType()));
    }

    /**
     * Emits the charger as it is at the end of the batch, once per batch however many of its events the batch holds:
     * one connectors query for all of them just before the batch commits. (A query per event would make Hibernate
     * flush and dirty-check the whole batch each time.) Axon holds the updates back until the unit of work, and with
     * it the read model's transaction, has committed, so subscribers never see uncommitted state.
     */
    private void emitCharger(ChargerView view) {
        if (!watched()) {
            return;
        }
        if (!CurrentUnitOfWork.isStarted()) {
            emitChargers(List.of(view));
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        Map<String, ChargerView> touched = unitOfWork.getOrComputeResource(CHANGED_IN_BATCH, key -> {
            Map<String, ChargerView> changed = new LinkedHashMap<>();
            unitOfWork.onPrepareCommit(committing -> emitChargers(changed.values()));
            return changed;
        });
        touched.put(view.chargePointId(), view);
    }

    private static final String CHANGED_IN_BATCH = ChargerViewProjector.class.getName() + ".changedInBatch";

    private void emitChargers(Collection<ChargerView> views) {
        Map<String, List<ConnectorSummary>> connectorsByCharger =
                connectorsByCharger(views.stream().map(ChargerView::chargePointId).toList());
        for (ChargerView view : views) {
            updates.emit(WatchChargers.class, query -> true, new LiveUpdate(LiveUpdate.CHARGER,
                    view.toSummary(connectorsByCharger.getOrDefault(view.chargePointId(), List.of()))));
        }
    }

    /** The connectors of these chargers, in connector order, with one query. */
    private Map<String, List<ConnectorSummary>> connectorsByCharger(List<String> chargePointIds) {
        return chargePointIds.isEmpty() ? Map.of()
                : connectors.findByChargePointIds(chargePointIds.toArray(String[]::new)).stream()
                .collect(Collectors.groupingBy(ConnectorView::chargePointId,
                        Collectors.mapping(ConnectorView::toSummary, Collectors.toList())));
    }

    private static Specification<ChargerView> filter(ListChargers query) {
        return (root, criteria, builder) -> {
            List<jakarta.persistence.criteria.Predicate> predicates = new ArrayList<>();
            if (!query.includeDecommissioned()) {
                predicates.add(builder.isFalse(root.get("decommissioned")));
            }
            if (query.connected() != null) {
                predicates.add(builder.equal(root.get("connected"), query.connected()));
            }
            if (query.targetGroup() != null) {
                predicates.add(builder.equal(root.get("targetGroup"), query.targetGroup()));
            }
            return builder.and(predicates.toArray(jakarta.persistence.criteria.Predicate[]::new));
        };
    }
}
