package io.chargeledger.projections.support;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
     * (null: the event touches no row), which answers the keys it found. Outside a unit of work (nothing to batch) it
     * does nothing.
     */
    public static void once(String name, Function<EventMessage<?>, String> keyOf,
                            Function<List<String>, Collection<String>> load) {
        if (!CurrentUnitOfWork.isStarted()) {
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        unitOfWork.getOrComputeResource(resourceName(name), key -> {
            List<String> keys = eventsOf(unitOfWork).stream().map(keyOf).filter(Objects::nonNull).distinct().toList();
            Set<String> absent = new HashSet<>(keys);
            if (!keys.isEmpty()) {
                load.apply(keys).forEach(absent::remove);
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
     * The row with this key: a new one ({@code create}) when the batch's prefetch did not find it and no handler has
     * created it yet, else the one the persistence context or the database holds, else a new one.
     */
    public static <T> T existingOrNew(String name, String key, Function<String, Optional<T>> find,
                                      Function<String, T> create) {
        return claimNew(name, key) ? create.apply(key) : find.apply(key).orElseGet(() -> create.apply(key));
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
}
