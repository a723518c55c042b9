package io.chargeledger.projections.support;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Loads the read-model rows a whole batch of events is about to touch with one query, before its first event is
 * applied. A streaming processor applies up to a thousand events in one transaction; looked up one by one, each
 * distinct charger or session costs a database round trip, and under load every round trip queues behind the
 * command side's. Loaded once, the rows sit in the transaction's persistence context and every later lookup by id
 * is answered from memory.
 *
 * <p>The keys it did not find are remembered too: a handler about to create such a row ({@link #existingOrNew}) knows
 * it is new without asking the database again. (A replay creates a session row for every ninth event.)
 */
public final class BatchPrefetch {

    private BatchPrefetch() {
    }

    /**
     * Once per batch and {@code name}: runs {@code load} with the distinct keys {@code keyOf} finds in the batch's events
     * (null: the event touches no row), which answers the keys it found. The keys come as an array, to be passed as one
     * parameter ({@code = any(?)}): the statement is then the same for every batch, whatever the number of keys.
     * Outside a unit of work (nothing to batch) it does nothing.
     */
    public static void once(String name, Function<EventMessage<?>, String> keyOf,
                            Function<String[], Collection<String>> load) {
        if (!CurrentUnitOfWork.isStarted()) {
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        unitOfWork.getOrComputeResource(resourceName(name), key -> {
            List<String> keys = eventsOf(unitOfWork).stream().map(keyOf).filter(Objects::nonNull).distinct().toList();
            Set<String> absent = new HashSet<>(keys);
            if (!keys.isEmpty()) {
                load.apply(keys.toArray(String[]::new)).forEach(absent::remove);
            }
            return absent;
        });
    }

    /**
     * True once for a key this batch's prefetch looked for and did not find: the caller creates that row. False for
     * any other key (found, already claimed, or not prefetched), which the caller then looks up as usual.
     */
    private static boolean claimNew(String name, String key) {
        if (!CurrentUnitOfWork.isStarted()) {
            return false;
        }
        Set<String> absent = CurrentUnitOfWork.get().getResource(resourceName(name));
        return absent != null && absent.remove(key);
    }

    /**
     * The row with this key: one created earlier in this batch and still to be inserted ({@link #insertAtCommit}), a
     * new one ({@code create}) when the batch's prefetch did not find it, else the one the persistence context or the
     * database holds, else a new one.
     */
    public static <T> T existingOrNew(String name, String key, Function<String, Optional<T>> find,
                                      Function<String, T> create) {
        Optional<T> created = createdInBatch(name, key);
        if (created.isPresent()) {
            return created.get();
        }
        return claimNew(name, key) ? create.apply(key) : find.apply(key).orElseGet(() -> create.apply(key));
    }

    /**
     * Inserts a new row as the batch is about to commit, with every change the batch's later events made to it: one
     * INSERT. (Stored at once, its state at that moment is inserted and each later change of the batch becomes an
     * UPDATE at the flush; a replay creates, meters and stops most sessions within one batch.) Until then
     * {@link #createdInBatch} and {@link #existingOrNew} find it. Outside a unit of work it is inserted at once.
     */
    public static <T> void insertAtCommit(String name, String key, T row, Consumer<T> insert) {
        if (!CurrentUnitOfWork.isStarted()) {
            insert.accept(row);
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        unitOfWork.<Map<String, T>>getOrComputeResource(createdResourceName(name), resource -> {
            Map<String, T> created = new LinkedHashMap<>();
            unitOfWork.onPrepareCommit(u -> created.values().forEach(insert));
            return created;
        }).put(key, row);
    }

    /** The row with this key that this batch created and will insert as it commits, if any. */
    public static <T> Optional<T> createdInBatch(String name, String key) {
        if (!CurrentUnitOfWork.isStarted()) {
            return Optional.empty();
        }
        Map<String, T> created = CurrentUnitOfWork.get().getResource(createdResourceName(name));
        return created == null ? Optional.empty() : Optional.ofNullable(created.get(key));
    }

    /** An event's aggregate identifier (a charger's chargePointId, a session's sessionId); null for other events. */
    public static String aggregateIdentifier(EventMessage<?> event) {
        return event instanceof DomainEventMessage<?> domainEvent ? domainEvent.getAggregateIdentifier() : null;
    }

    /** The events of the current batch (just the current one outside a batch). */
    private static List<EventMessage<?>> eventsOf(UnitOfWork<?> unitOfWork) {
        List<? extends Message<?>> messages = unitOfWork instanceof BatchingUnitOfWork<?> batch
                ? batch.getMessages() : List.of(unitOfWork.getMessage());
        return messages.stream()
                .filter(EventMessage.class::isInstance)
                .<EventMessage<?>>map(message -> (EventMessage<?>) message)
                .toList();
    }

    private static String resourceName(String name) {
        return BatchPrefetch.class.getName() + ":" + name;
    }

    private static String createdResourceName(String name) {
        return resourceName(name) + ":created";
    }
}
