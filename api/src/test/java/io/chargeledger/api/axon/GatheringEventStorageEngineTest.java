package io.chargeledger.api.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;

class GatheringEventStorageEngineTest {

    private final RecordingEngine stored = new RecordingEngine();

    @Test
    void theSharedReaderWaitsBeforeItReadsSoThatItReadsTheEventsOfSeveralCommitsAtOnce() {
        var engine = new GatheringEventStorageEngine(stored, Duration.ofMillis(200));

        long started = System.nanoTime();
        engine.readEvents(null, true);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(stored.calls).containsExactly("readEvents(token, mayBlock=true)");
    }

    @Test
    void privateStreamsReplaysAndAggregatesReadAtOnce() {
        // a wait this long would fail the test by its duration, were it applied
        var engine = new GatheringEventStorageEngine(stored, Duration.ofSeconds(30));

        long started = System.nanoTime();
        engine.readEvents(null, false);
        engine.readEvents("charger-1", 0);
        engine.readSnapshot("charger-1");
        engine.appendEvents(List.of(GenericEventMessage.asEventMessage("event")));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        assertThat(stored.calls).containsExactly("readEvents(token, mayBlock=false)", "readEvents(charger-1, 0)",
                "readSnapshot(charger-1)", "appendEvents(1)");
    }

    @Test
    void noGatheringReadsAtOnce() {
        var engine = new GatheringEventStorageEngine(stored, Duration.ZERO);

        engine.readEvents(null, true);

        assertThat(stored.calls).containsExactly("readEvents(token, mayBlock=true)");
    }

    private static final class RecordingEngine implements EventStorageEngine {
        final List<String> calls = new ArrayList<>();

        @Override
        public void appendEvents(List<? extends EventMessage<?>> events) {
            calls.add("appendEvents(" + events.size() + ")");
        }

        @Override
        public void storeSnapshot(DomainEventMessage<?> snapshot) {
            calls.add("storeSnapshot");
        }

        @Override
        public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
            calls.add("readEvents(token, mayBlock=" + mayBlock + ")");
            return Stream.empty();
        }

        @Override
        public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
            calls.add("readEvents(" + aggregateIdentifier + ", " + firstSequenceNumber + ")");
            return DomainEventStream.empty();
        }

        @Override
        public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
            calls.add("readSnapshot(" + aggregateIdentifier + ")");
            return Optional.empty();
        }
    }
}
