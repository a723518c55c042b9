package io.chargeledger.api.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.UnknownSerializedType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A real tracking processor on Axon's in-memory event store, reading through the source. */
class CatchUpBatchingSourceTest {

    private static final int EVENTS = 5_000;
    private static final int LIVE_BATCH = 1_000;
    private static final int PROCESSOR_BATCH = 10_000;

    private final EmbeddedEventStore eventStore = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private final List<Object> handled = Collections.synchronizedList(new ArrayList<>());
    private final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
    private final List<Integer> batchPriorities = Collections.synchronizedList(new ArrayList<>());
    private TrackingEventProcessor processor;

    @AfterEach
    void stop() {
        if (processor != null) {
            processor.shutDown();
        }
        eventStore.shutDown();
    }

    @Test
    void nearTheHeadBatchesStaySmall() throws InterruptedException {
        storeEvents();

        // the events were stored a moment ago: the processor follows the head
        process(Clock.systemUTC());

        assertThat(handled).containsExactlyElementsOf(payloads());
        assertThat(batchSizes).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(LIVE_BATCH));
        assertThat(batchSizes).hasSizeGreaterThanOrEqualTo(EVENTS / LIVE_BATCH);
        // a projection following the head runs before the threads serving chargers
        assertThat(batchPriorities).isNotEmpty().containsOnly(Thread.MAX_PRIORITY);
    }

    @Test
    void inHistoryBatchesTakeTheProcessorsBatchSize() throws InterruptedException {
        storeEvents();

        // an hour later the same events are history
        process(Clock.offset(Clock.systemUTC(), Duration.ofHours(1)));

        assertThat(handled).containsExactlyElementsOf(payloads());
        assertThat(batchSizes).contains(EVENTS);
        // a replay is not bounded by the rate events are stored: it does not run first
        assertThat(batchPriorities).isNotEmpty().containsOnly(Thread.NORM_PRIORITY);
    }

    @Test
    void aProcessorThatCaughtUpRunsFirstAgain() throws InterruptedException {
        storeEvents();
        // the stored events are an hour old when the processor starts: it works through history
        AtomicReference<Duration> ahead = new AtomicReference<>(Duration.ofHours(1));
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.now().plus(ahead.get());
            }
        };
        process(clock);
        assertThat(batchPriorities).containsOnly(Thread.NORM_PRIORITY);
        batchPriorities.clear();

        // then it follows the head: a new event, read as soon as it is stored
        ahead.set(Duration.ZERO);
        eventStore.publish(GenericEventMessage.asEventMessage("event-" + EVENTS));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (batchPriorities.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }

        assertThat(batchPriorities).containsExactly(Thread.MAX_PRIORITY);
    }

    @Test
    void aLiveBatchIsNotCutBetweenEventsThatShareAToken() throws InterruptedException {
        // an upcaster that turns one stored event into two gives both the stored event's token
        List<TrackedEventMessage<?>> events = numbered(4);
        events.add(tracked("event-3-upcast", 3));
        events.add(tracked("event-4", 4));
        var source = new CatchUpBatchingSource(token -> new ListStream(events), 2, Duration.ofSeconds(10),
                Clock.systemUTC());
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);

        assertThat(batch(stream)).containsExactly("event-0", "event-1");
        assertThat(batch(stream)).containsExactly("event-2", "event-3", "event-3-upcast");
        assertThat(batch(stream)).containsExactly("event-4");
    }

    @Test
    void tellsWhenAStreamReachedTheHeadAfterALongHistory() throws InterruptedException {
        List<TrackedEventMessage<?>> events = numbered(7);
        List<Long> caughtUp = new ArrayList<>();
        // the events are an hour old: every batch works through history; batches of 3 as a processor would cut them
        Clock anHourLater = Clock.offset(Clock.systemUTC(), Duration.ofHours(1));
        var source = new CatchUpBatchingSource(token -> new ListStream(events), 1_000, Duration.ofSeconds(10),
                anHourLater, type -> true, 5, caughtUp::add);
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);

        assertThat(batch(stream, 3)).hasSize(3);
        assertThat(batch(stream, 3)).hasSize(3);
        // more events were available after each of those batches: not yet at the head
        assertThat(caughtUp).isEmpty();
        assertThat(batch(stream, 3)).containsExactly("event-6");
        assertThat(caughtUp).containsExactly(7L);
        // told once: peeking at the head again does not repeat it
        assertThat(stream.peek()).isEmpty();
        assertThat(caughtUp).containsExactly(7L);
    }

    @Test
    void aShortHistoryOrALiveStreamIsNotTold() throws InterruptedException {
        List<TrackedEventMessage<?>> events = numbered(4);
        List<Long> caughtUp = new ArrayList<>();
        var shortHistory = new CatchUpBatchingSource(token -> new ListStream(events), 1_000, Duration.ofSeconds(10),
                Clock.offset(Clock.systemUTC(), Duration.ofHours(1)), type -> true, 5, caughtUp::add);
        var live = new CatchUpBatchingSource(token -> new ListStream(events), 1_000, Duration.ofSeconds(10),
                Clock.systemUTC(), type -> true, 1, caughtUp::add);

        assertThat(batch(shortHistory.openStream(null))).hasSize(4);
        assertThat(batch(live.openStream(null))).hasSize(4);

        assertThat(caughtUp).isEmpty();
    }

    @Test
    void passesOverEventsOfATypeTheProcessorDoesNotHandleButHandsOnTheLastOneAvailable() throws InterruptedException {
        List<TrackedEventMessage<?>> events = List.of(tracked("a", 0), tracked(1, 1), tracked(2, 2), tracked("b", 3),
                tracked(3, 4), tracked(4, 5));
        var source = new CatchUpBatchingSource(token -> new ListStream(events), 1_000, Duration.ofSeconds(10),
                Clock.systemUTC(), String.class::equals);
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);

        // "b" carries the token of its position, which covers the numbers passed over before it
        assertThat(batchWithTokens(stream)).containsExactly("a@0", "b@3", "4@5");
        assertThat(stream.hasNextAvailable(0, TimeUnit.MILLISECONDS)).isFalse();
    }

    @Test
    void anUnknownTypeIsNeverSkippedAsAWhole() throws InterruptedException {
        var unknown = new UnknownSerializedType(JacksonSerializer.defaultSerializer(),
                new SimpleSerializedObject<>("{}", String.class, "some.RemovedEvent", null));
        List<TrackedEventMessage<?>> events = List.of(tracked(unknown, 0), tracked(unknown, 1), tracked("a", 2));
        // a processor that handles strings only
        var source = new CatchUpBatchingSource(token -> new ListStream(events), 1_000, Duration.ofSeconds(10),
                Clock.systemUTC(), String.class::equals);
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);

        assertThat(batchWithTokens(stream)).hasSize(3).endsWith("a@2");
    }

    @Test
    void aProcessorIsHandedTheEventsItHandlesAndItsTokenStillReachesTheHead() throws InterruptedException {
        // strings and numbers alternate, the last events are numbers; the processor handles strings only
        List<Object> payloads = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            payloads.add("event-" + i);
            payloads.add(i);
        }
        payloads.addAll(List.of(-1, -2, -3));
        eventStore.publish(payloads.stream().map(GenericEventMessage::asEventMessage).toList());
        List<Object> ignored = Collections.synchronizedList(new ArrayList<>());
        MessageMonitor<EventMessage<?>> monitor = message -> new MessageMonitor.MonitorCallback() {
            @Override
            public void reportSuccess() {
            }

            @Override
            public void reportFailure(Throwable cause) {
            }

            @Override
            public void reportIgnored() {
                ignored.add(message.getPayload());
            }
        };
        EventMessageHandler strings = new EventMessageHandler() {
            @Override
            public Object handle(EventMessage<?> event) {
                handled.add(event.getPayload());
                return null;
            }

            @Override
            public boolean canHandle(EventMessage<?> event) {
                return canHandleType(event.getPayloadType());
            }

            @Override
            public boolean canHandleType(Class<?> payloadType) {
                return String.class.equals(payloadType);
            }
        };
        InMemoryTokenStore tokens = new InMemoryTokenStore();
        processor = TrackingEventProcessor.builder()
                .name("skip-test")
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(strings).build())
                // asks the processor, as the read models' sources do
                .messageSource(new CatchUpBatchingSource(eventStore, LIVE_BATCH, Duration.ofSeconds(10),
                        Clock.systemUTC(), type -> processor.eventHandlerInvoker().canHandleType(type)))
                .messageMonitor(monitor)
                .tokenStore(tokens)
                .transactionManager(NoTransactionManager.INSTANCE)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration
                        .forSingleThreadedProcessing().andBatchSize(PROCESSOR_BATCH))
                .build();
        processor.start();
        long head = eventStore.createHeadToken().position().orElseThrow();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (tokenPosition(tokens) < head && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }

        assertThat(handled).containsExactlyElementsOf(payloads.stream().filter(String.class::isInstance).toList());
        assertThat(tokenPosition(tokens)).isEqualTo(head);
        // only the last event, to take the token to the head: not the 5,003 numbers
        assertThat(ignored).containsExactly(-3);
    }

    private static long tokenPosition(InMemoryTokenStore tokens) {
        try {
            TrackingToken token = tokens.fetchToken("skip-test", 0);
            return token == null ? -1 : token.position().orElse(-1);
        } catch (UnableToClaimTokenException notYetInitialized) {
            return -1;
        }
    }

    @Test
    void refusesALiveBatchOfNoEvents() {
        assertThatThrownBy(() -> new CatchUpBatchingSource(eventStore, 0, Duration.ofSeconds(10), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("liveBatchEvents");
    }

    private void storeEvents() {
        eventStore.publish(payloads().stream().map(GenericEventMessage::asEventMessage).toList());
    }

    private static List<Object> payloads() {
        return IntStream.range(0, EVENTS).mapToObj(i -> (Object) ("event-" + i)).toList();
    }

    private void process(Clock clock) throws InterruptedException {
        EventMessageHandler recorder = event -> {
            var unitOfWork = (BatchingUnitOfWork<?>) CurrentUnitOfWork.get();
            if (unitOfWork.isFirstMessage()) {
                batchSizes.add(unitOfWork.getMessages().size());
                batchPriorities.add(Thread.currentThread().getPriority());
            }
            handled.add(event.getPayload());
            return null;
        };
        processor = TrackingEventProcessor.builder()
                .name("catch-up-test")
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(recorder).build())
                .messageSource(new CatchUpBatchingSource(eventStore, LIVE_BATCH, Duration.ofSeconds(10), clock))
                .tokenStore(new InMemoryTokenStore())
                .transactionManager(NoTransactionManager.INSTANCE)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration
                        .forSingleThreadedProcessing().andBatchSize(PROCESSOR_BATCH))
                .build();
        processor.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (handled.size() < EVENTS && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    // What a tracking processor does per batch: wait for the first event, then take events while peek shows one.
    private static List<Object> batch(BlockingStream<TrackedEventMessage<?>> stream) throws InterruptedException {
        return batch(stream, Integer.MAX_VALUE);
    }

    // As above, up to the processor's batch size (it peeks after each event, then stops at that size).
    private static List<Object> batch(BlockingStream<TrackedEventMessage<?>> stream, int batchSize)
            throws InterruptedException {
        List<Object> payloads = new ArrayList<>();
        if (stream.hasNextAvailable(0, TimeUnit.MILLISECONDS)) {
            payloads.add(stream.nextAvailable().getPayload());
            while (stream.peek().isPresent() && payloads.size() < batchSize) {
                payloads.add(stream.nextAvailable().getPayload());
            }
        }
        return payloads;
    }

    // Like batch, each payload with the position of its token.
    private static List<String> batchWithTokens(BlockingStream<TrackedEventMessage<?>> stream)
            throws InterruptedException {
        List<String> taken = new ArrayList<>();
        if (stream.hasNextAvailable(0, TimeUnit.MILLISECONDS)) {
            do {
                TrackedEventMessage<?> event = stream.nextAvailable();
                taken.add(event.getPayload() + "@" + event.trackingToken().position().orElseThrow());
            } while (stream.peek().isPresent());
        }
        return taken;
    }

    /** Events "event-0", "event-1", ... at positions 0, 1, ..., in a list that takes more. */
    private static List<TrackedEventMessage<?>> numbered(int count) {
        List<TrackedEventMessage<?>> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(tracked("event-" + i, i));
        }
        return events;
    }

    private static TrackedEventMessage<?> tracked(Object payload, long index) {
        EventMessage<Object> event = GenericEventMessage.asEventMessage(payload);
        return new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(index), event);
    }

    private static final class ListStream implements BlockingStream<TrackedEventMessage<?>> {

        private final List<TrackedEventMessage<?>> events;
        private int next;

        private ListStream(List<TrackedEventMessage<?>> events) {
            this.events = events;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return next < events.size() ? Optional.of(events.get(next)) : Optional.empty();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) {
            return next < events.size();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() {
            return events.get(next++);
        }

        @Override
        public void close() {
        }
    }
}
