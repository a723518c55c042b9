package io.chargeledger.api.axon;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.UnknownSerializedType;

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
 * shows one; a live batch ends by peeking nothing once it holds {@code liveBatchEvents} events handed on, never
 * between events that share a token (an upcaster's output must stay in one batch). The thread of a live batch runs
 * before the chargers' threads, that of a batch in history alongside them ({@link ProjectionPriority}).
 * <p>
 * Each read model's processor reads through its own source, which knows the event types the processor has handlers
 * for ({@code handledType}, asked once per type). Events of other types are passed over while a later event is
 * available, whose token covers them. A processor would otherwise take every event it ignores: wrap it, advance its
 * token past it (a replay token compares each position with the one at the reset, copying gap sets) and ask every
 * handler whether it applies: 41 % of the charger view's samples in a profile of a replay of a million session events,
 * of which it handles three in ten. Measured, the charger view's replay went from 24.2 to 18.0 s, the id-tag view's
 * from 22.3 to 18.6 s. The last event available is always handed on, whatever its type,
 * so a processor's token reaches the head. (Axon's own hook for this, {@code skipMessagesWithPayloadTypeOf}, is not
 * passed on while a processor replays, which is when it matters.)
 * <p>
 * A stream that reaches the head after handing on at least {@code caughtUpEvents} events in history (since it was last
 * live) tells {@code caughtUp} so, in the processor's thread, which it must not block (see {@link HeapReturn}).
 */
public final class CatchUpBatchingSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    private final StreamableMessageSource<TrackedEventMessage<?>> eventStore;
    private final int liveBatchEvents;
    private final Duration historyAge;
    private final Clock clock;
    private final Predicate<Class<?>> handledType;
    private final Map<Class<?>, Boolean> skipped = new ConcurrentHashMap<>();
    private final long caughtUpEvents;
    private final LongConsumer caughtUp;

    /** A source that hands on every event. */
    public CatchUpBatchingSource(StreamableMessageSource<TrackedEventMessage<?>> eventStore, int liveBatchEvents,
                                 Duration historyAge, Clock clock) {
        this(eventStore, liveBatchEvents, historyAge, clock, type -> true);
    }

    /** A source for a processor that handles the event types {@code handledType} accepts. */
    public CatchUpBatchingSource(StreamableMessageSource<TrackedEventMessage<?>> eventStore, int liveBatchEvents,
                                 Duration historyAge, Clock clock, Predicate<Class<?>> handledType) {
        this(eventStore, liveBatchEvents, historyAge, clock, handledType, Long.MAX_VALUE, events -> { });
    }

    /**
     * As above; {@code caughtUp} is told the number of events when a stream reached the head after
     * {@code caughtUpEvents} or more in history.
     */
    public CatchUpBatchingSource(StreamableMessageSource<TrackedEventMessage<?>> eventStore, int liveBatchEvents,
                                 Duration historyAge, Clock clock, Predicate<Class<?>> handledType,
                                 long caughtUpEvents, LongConsumer caughtUp) {
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
        this.handledType = handledType;
        this.caughtUpEvents = caughtUpEvents;
        this.caughtUp = caughtUp;
    }

    /** Whether events of this type are passed over. An unknown type stands for any this node cannot read: never. */
    boolean skips(Class<?> payloadType) {
        return skipped.computeIfAbsent(payloadType,
                type -> !UnknownSerializedType.class.equals(type) && !handledType.test(type));
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
        // taken from the events already, to be handed on next (null: none)
        private TrackedEventMessage<?> next;
        private int taken;
        private int limit = Integer.MAX_VALUE;
        private TrackingToken lastToken;
        // events handed on in history batches since this stream was last live
        private long historyEvents;

        private Stream(BlockingStream<TrackedEventMessage<?>> events) {
            this.events = events;
        }

        /** A tracking processor calls this (with a timeout) once per batch, before the batch's first event. */
        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            taken = 0;
            limit = Integer.MAX_VALUE;
            return next != null || events.hasNextAvailable(timeout, unit);
        }

        @Override
        public boolean hasNextAvailable() {
            return next != null || events.hasNextAvailable();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            if (next == null) {
                next = events.nextAvailable();
            }
            passOverSkipped();
            TrackedEventMessage<?> event = next;
            next = null;
            if (taken++ == 0) {
                boolean live = !inHistory(event);
                limit = live ? liveBatchEvents : Integer.MAX_VALUE;
                ProjectionPriority.batchStarting(live);
                if (live) {
                    historyEvents = 0;
                }
            }
            if (limit == Integer.MAX_VALUE) {
                historyEvents++;
            }
            lastToken = event.trackingToken();
            return event;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            if (next == null) {
                if (events.peek().isEmpty()) {
                    if (historyEvents >= caughtUpEvents) {
                        long events = historyEvents;
                        historyEvents = 0;
                        caughtUp.accept(events);
                    }
                    return Optional.empty();
                }
                next = take();
            }
            passOverSkipped();
            if (taken < limit || next.trackingToken().equals(lastToken)) {
                return Optional.of(next);
            }
            return Optional.empty();
        }

        /** Replaces a next event of a skipped type by the one after it, for as long as one is available. */
        private void passOverSkipped() {
            while (skips(next.getPayloadType()) && events.peek().isPresent()) {
                next = take();
            }
        }

        // only called when peek shows an event: it does not block
        private TrackedEventMessage<?> take() {
            try {
                return events.nextAvailable();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while taking an event that was available", e);
            }
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
            next = null;
            events.close();
        }
    }
}
