package io.chargeledger.projections.support;

import java.util.List;
import java.util.function.Consumer;
import org.axonframework.eventhandling.DomainEventMessage;
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
 * <p>The rows are found by the events' aggregate identifiers: a charger's events carry its chargePointId and a
 * session's its sessionId, which are also the charger and session read models' keys. (A tag's aggregate identifier is
 * {@code "idtag/" + tag}, not the tag view's key, so the tag view does not use this.)
 */
public final class BatchPrefetch {

    private BatchPrefetch() {
    }

    /**
     * Runs {@code load} with the aggregate identifiers of the current batch, once per batch and {@code name}. Outside
     * a unit of work (nothing to batch) it does nothing.
     */
    public static void once(String name, Consumer<List<String>> load) {
        if (!CurrentUnitOfWork.isStarted()) {
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        unitOfWork.getOrComputeResource(BatchPrefetch.class.getName() + ":" + name, key -> {
            List<String> ids = aggregateIdentifiers(unitOfWork);
            if (!ids.isEmpty()) {
                load.accept(ids);
            }
            return Boolean.TRUE;
        });
    }

    private static List<String> aggregateIdentifiers(UnitOfWork<?> unitOfWork) {
        List<? extends Message<?>> messages = unitOfWork instanceof BatchingUnitOfWork<?> batch
                ? batch.getMessages() : List.of(unitOfWork.getMessage());
        return messages.stream()
                .filter(DomainEventMessage.class::isInstance)
                .map(message -> ((DomainEventMessage<?>) message).getAggregateIdentifier())
                .distinct()
                .toList();
    }
}
