package io.chargeledger.projections.charger;

import io.chargeledger.charger.api.ChargerConnected;
import io.chargeledger.charger.api.ChargerDecommissioned;
import io.chargeledger.charger.api.ChargerDetailsUpdated;
import io.chargeledger.charger.api.ChargerDisconnected;
import io.chargeledger.charger.api.ChargerRegistered;
import io.chargeledger.projections.api.ChargerPage;
import io.chargeledger.projections.api.ChargerSummary;
import io.chargeledger.projections.api.FindCharger;
import io.chargeledger.projections.api.ListChargers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
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

    public ChargerViewProjector(ChargerViewRepository repository) {
        this.repository = repository;
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
    }

    @EventHandler
    void on(ChargerDetailsUpdated event, @SequenceNumber long sequence) {
        update(event.chargePointId(), sequence, view -> view.applyDetails(event.details(), event.securityProfile()));
    }

    @EventHandler
    void on(ChargerConnected event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.chargePointId(), sequence, view -> view.markConnected(at));
    }

    @EventHandler
    void on(ChargerDisconnected event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.chargePointId(), sequence, view -> view.markDisconnected(at));
    }

    @EventHandler
    void on(ChargerDecommissioned event, @SequenceNumber long sequence) {
        update(event.chargePointId(), sequence, ChargerView::decommission);
    }

    @ResetHandler
    void reset() {
        repository.deleteAllInBatch();
    }

    @QueryHandler
    Optional<ChargerSummary> handle(FindCharger query) {
        return repository.findById(query.chargePointId()).map(ChargerView::toSummary);
    }

    @QueryHandler
    ChargerPage handle(ListChargers query) {
        Page<ChargerView> page = repository.findAll(filter(query),
                PageRequest.of(query.page(), query.size(), Sort.by("chargePointId")));
        return new ChargerPage(page.map(ChargerView::toSummary).getContent(), query.page(), query.size(),
                page.getTotalElements(), page.getTotalPages());
    }

    private void update(String chargePointId, long sequence, Consumer<ChargerView> change) {
        repository.findById(chargePointId).ifPresent(view -> {
            if (view.alreadyApplied(sequence)) {
                return;
            }
            change.accept(view);
            view.applied(sequence);
            repository.save(view);
        });
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
