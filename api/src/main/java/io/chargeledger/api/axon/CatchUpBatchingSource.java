package io.chargeledger.api.axon;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * The event store as the read models' tracking processors see it: batches stay small while a processor follows the
 * head and grow to the processor's batch size while it works through history (a replay, or catching up after a
 * stop).
 * <p>
 * Near the head every event of a batch waits for the whole batch to commit, so a batch's size is the lag of its first
 * event: measured under the closed-loop load, the session view's p99 lag went from 185-196 ms with batches of 1,000
 * events to 205-417 ms with 10,000. In history nobody waits for an event, and large batches are what make a rebuild
 * fast: a session's events then mostly fall into the batch that creates its row, so the row is inserted complete
 * instead of being updated in later batches (a replay of a million events updated about 50,000 session rows with
 * batches of 1,000).
 * <p>
 * Whether a batch works through history is decided by its first event's age: older than {@code historyAge}, the
 * processor is that far behind. A tracking processor starts a batch by waiting for an event
 * ({@link BlockingStream#hasNextAvailable(int, TimeUnit)}) and adds events for as long as {@link BlockingStream#peek()}
 * shows one; a live batch ends by peeking nothing once it holds {@code liveBatchEvents} events (handled or not), never
 * between events that share a token (an upcaster's output must stay in one batch). The thread of a live batch runs
 * before the chargers' threads, that of a batch in history alongside them ({@link ProjectionPriority}).
 */
public final class CatchUpBatchingSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    private final StreamableMessageSource<TrackedEventMessage<?>> eventStore;
    private final int liveBatchEvents;
    private final Duration historyAge;
    private final Clock clock;

    public CatchUpBatchingSource(StreamableMessageSource<TrackedEventMessage<?>> eventStore, int liveBatchEvents,
                                 Duration historyAge, Clock clock) {
        if (liveBatchEvents < 1) {
            throw new IllegalArgumentException("liveBatchEvents must be at least 1, was " + liveBatchEvents);
        }
        if (historyAge.isNegative()) {
            throw new IllegalArgumentException("historyAge must not be negative, was " + historyAge);
        }
        this.eventStore = eventStore;
        this.liveBatchEvents = liveBatchEvents;
        this.historyAge = historyAge;
        this.clock = clock;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new Stream(eventStore.openStream(trackingToken));
    }

    @Override
    public TrackingToken createTailToken() {
        return eventStore.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return eventStore.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return eventStore.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return eventStore.createTokenSince(duration);
    }

    private final class Stream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> events;
        private int taken;
        private int limit = Integer.MAX_VALUE;
        private TrackingToken lastToken;

        private Stream(BlockingStream<TrackedEventMessage<?>> events) {
            this.events = events;
        }

        /** A tracking processor calls this (with a timeout) once per batch, before the batch's first event. */
        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            taken = 0;
            limit = Integer.MAX_VALUE;
            return events.hasNextAvailable(timeout, unit);
        }

        @Override
        public boolean hasNextAvailable() {
            return events.hasNextAvailable();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            TrackedEventMessage<?> event = events.nextAvailable();
            if (taken++ == 0) {
                boolean live = !inHistory(event);
                limit = live ? liveBatchEvents : Integer.MAX_VALUE;
                ProjectionPriority.batchStarting(live);
            }
            lastToken = event.trackingToken();
            return event;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            Optional<TrackedEventMessage<?>> next = events.peek();
            if (taken < limit || next.isEmpty() || next.get().trackingToken().equals(lastToken)) {
                return next;
            }
            return Optional.empty();
        }

        private boolean inHistory(TrackedEventMessage<?> event) {
            return event.getTimestamp().isBefore(clock.instant().minus(historyAge));
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            events.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            return events.setOnAvailableCallback(callback);
        }

        @Override
        public void close() {
            events.close();
        }
    }
}
