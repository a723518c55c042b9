package io.chargeledger.api.axon;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

/**
 * Lets the event store's shared reader gather the events of several commits before it reads them.
 *
 * <p>Axon's embedded event store has one reader thread that feeds every tracking processor that keeps up. Each command
 * that stores events wakes it, and each wake-up costs a query that finds the new events, a second one that finds
 * nothing more (and a gap check with it) and their commits: about five database round trips. At a thousand OCPP calls
 * a second that is thousands of round trips a second, each one queued beside the chargers' commands on the same
 * cores, and each wake-up hands the processors a batch of one or two events, which they apply in a transaction of
 * their own. Waiting {@code gathering} after a wake-up reads the events of all the commands that committed
 * meanwhile with the same few round trips, and the processors apply them as one batch. The price is that much more
 * projection lag; chargers' answers never wait for it.
 *
 * <p>Only the shared reader's reads ({@code mayBlock}) wait. A processor that reads on its own stream (it fell behind
 * the shared reader's cache, or replays) reads at full speed, and reads of aggregates are untouched.
 */
final class GatheringEventStorageEngine implements EventStorageEngine {

    private final EventStorageEngine delegate;
    private final Duration gathering;

    GatheringEventStorageEngine(EventStorageEngine delegate, Duration gathering) {
        this.delegate = delegate;
        this.gathering = gathering;
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        if (mayBlock && !gathering.isZero() && !gathering.isNegative()) {
            try {
                Thread.sleep(gathering.toMillis(), gathering.toNanosPart() % 1_000_000);
            } catch (InterruptedException e) {
                // the store is shutting down: read what there is and let the reader see the interrupt
                Thread.currentThread().interrupt();
            }
        }
        return delegate.readEvents(trackingToken, mayBlock);
    }

    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        delegate.appendEvents(events);
    }

    @Override
    public void storeSnapshot(DomainEventMessage<?> snapshot) {
        delegate.storeSnapshot(snapshot);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        return delegate.readEvents(aggregateIdentifier, firstSequenceNumber);
    }

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        return delegate.readSnapshot(aggregateIdentifier);
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        return delegate.lastSequenceNumberFor(aggregateIdentifier);
    }

    @Override
    public TrackingToken createTailToken() {
        return delegate.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return delegate.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return delegate.createTokenAt(dateTime);
    }
}
