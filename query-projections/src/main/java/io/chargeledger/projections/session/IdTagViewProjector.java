package io.chargeledger.projections.session;

import io.chargeledger.projections.api.FindIdTag;
import io.chargeledger.projections.api.IdTagPage;
import io.chargeledger.projections.api.IdTagSummary;
import io.chargeledger.projections.api.ListIdTags;
import io.chargeledger.session.api.IdTagBlocked;
import io.chargeledger.session.api.IdTagDeleted;
import io.chargeledger.session.api.IdTagExpired;
import io.chargeledger.session.api.IdTagRegistered;
import io.chargeledger.session.api.IdTagSessionClaimed;
import io.chargeledger.session.api.IdTagSessionReleased;
import io.chargeledger.session.api.IdTagStatus;
import io.chargeledger.session.api.IdTagUnblocked;
import io.chargeledger.session.api.IdTagUpdated;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.Predicate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import io.chargeledger.projections.support.BatchPrefetch;
import io.chargeledger.session.api.IdTokens;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.interceptors.MessageHandlerInterceptor;
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

/** Builds the id tag read model. Each handler skips events it has already applied, so replays are safe. */
@Component
@ProcessingGroup(IdTagViewProjector.PROCESSING_GROUP)
public class IdTagViewProjector {

    public static final String PROCESSING_GROUP = "id-tag-view";

    private final IdTagViewRepository repository;
    private final EntityManager entities;

    public IdTagViewProjector(IdTagViewRepository repository, EntityManager entities) {
        this.repository = repository;
        this.entities = entities;
    }

    /**
     * Loads every tag this batch touches in one query (see {@link BatchPrefetch}). A tag's events carry its canonical
     * form, which is both the view's key and, behind a prefix, the IdTag aggregate's identifier.
     */
    @MessageHandlerInterceptor(messageType = EventMessage.class)
    Object prefetchBatch(EventMessage<?> event, InterceptorChain chain) throws Exception {
        BatchPrefetch.once(PROCESSING_GROUP, message -> IdTokens.idTagOf(BatchPrefetch.aggregateIdentifier(message)),
                tags -> repository.findAllByIds(tags).stream().map(IdTagView::idTag).toList());
        return chain.proceed();
    }

    @EventHandler
    void on(IdTagRegistered event, @SequenceNumber long sequence, @Timestamp Instant at) {
        IdTagView view = BatchPrefetch.existingOrNew(PROCESSING_GROUP, event.idTag(),
                idTag -> Optional.ofNullable(entities.find(IdTagView.class, idTag)), IdTagView::new);
        apply(view, sequence, v -> v.registered(event.status(), event.expiryDate(), event.parentIdTag(),
                event.maxActiveSessions(), event.owner(), at));
    }

    @EventHandler
    void on(IdTagUpdated event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.idTag(), sequence, view -> view.details(event.status(), event.expiryDate(),
                event.parentIdTag(), event.maxActiveSessions(), event.owner(), at));
    }

    @EventHandler
    void on(IdTagBlocked event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.idTag(), sequence, view -> view.status(IdTagStatus.Blocked, at));
    }

    @EventHandler
    void on(IdTagUnblocked event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.idTag(), sequence, view -> view.status(IdTagStatus.Accepted, at));
    }

    @EventHandler
    void on(IdTagExpired event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.idTag(), sequence, view -> view.status(IdTagStatus.Expired, at));
    }

    @EventHandler
    void on(IdTagDeleted event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.idTag(), sequence, view -> view.deleted(at));
    }

    @EventHandler
    void on(IdTagSessionClaimed event, @SequenceNumber long sequence) {
        update(event.idTag(), sequence, IdTagView::sessionClaimed);
    }

    @EventHandler
    void on(IdTagSessionReleased event, @SequenceNumber long sequence) {
        update(event.idTag(), sequence, IdTagView::sessionReleased);
    }

    @ResetHandler
    void reset() {
        repository.deleteAllInBatch();
    }

    @QueryHandler
    Optional<IdTagSummary> handle(FindIdTag query) {
        return query.idTag() == null ? Optional.empty() : repository.findById(query.idTag()).map(IdTagView::toSummary);
    }

    @QueryHandler
    IdTagPage handle(ListIdTags query) {
        Page<IdTagView> page = repository.findAll(filter(query),
                PageRequest.of(query.page(), query.size(), Sort.by("idTag")));
        return new IdTagPage(page.map(IdTagView::toSummary).getContent(), query.page(), query.size(),
                page.getTotalElements(), page.getTotalPages());
    }

    // Looked up in the batch's persistence context directly (the prefetch put the tag there) and changed in place: a
    // managed row is flushed with the batch. Through the repository, each lookup and save passed Spring's proxy chain
    // (Spring's classes held 18 % of this view's CPU samples in a replay profile) and a save merged the row into
    // itself, for every event.
    private void update(String idTag, long sequence, Consumer<IdTagView> change) {
        IdTagView view = entities.find(IdTagView.class, idTag);
        if (view != null) {
            apply(view, sequence, change);
        }
    }

    private void apply(IdTagView view, long sequence, Consumer<IdTagView> change) {
        if (view.alreadyApplied(sequence)) {
            return;
        }
        change.accept(view);
        view.applied(sequence);
        if (view.isNew()) {
            entities.persist(view);
        }
    }

    private static Specification<IdTagView> filter(ListIdTags query) {
        return (root, criteria, builder) -> {
            List<Predicate> predicates = new ArrayList<>();
            if (!query.includeDeleted()) {
                predicates.add(builder.isFalse(root.get("deleted")));
            }
            if (query.owner() != null) {
                predicates.add(builder.equal(root.get("owner"), query.owner()));
            }
            return builder.and(predicates.toArray(Predicate[]::new));
        };
    }
}
