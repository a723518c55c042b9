package io.chargeledger.api.axon;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

/**
 * Axon's JDBC storage engine, with each stored event's timestamp parsed once and its type names shared. Axon's
 * entries keep the timestamp as the column's text and parse it on every {@code getTimestamp()}: once while reading
 * (to decide whether a gap before the event may still fill), once more when the event becomes a message, for every
 * event and every processor that reads it. Here it is parsed when the row is read, by {@link IsoInstants}, and kept.
 * Rows, tokens and gaps are read exactly as Axon 4.13 reads them ({@code getTrackedEventData},
 * {@code getDomainEventData}); a test compares the two engines event by event, so an Axon upgrade that reads
 * differently shows.
 */
final class EventTableStorageEngine extends JdbcEventStorageEngine {

    private final int maxGapOffset;
    private final long lowestGlobalSequence;
    private final Duration gapTimeout;

    private EventTableStorageEngine(Builder builder, int maxGapOffset, long lowestGlobalSequence, Duration gapTimeout) {
        super(builder.maxGapOffset(maxGapOffset).lowestGlobalSequence(lowestGlobalSequence)
                .gapTimeout((int) gapTimeout.toMillis()));
        this.maxGapOffset = maxGapOffset;
        this.lowestGlobalSequence = lowestGlobalSequence;
        this.gapTimeout = gapTimeout;
    }

    /** The engine {@code builder} describes, with Axon's default gap handling. */
    static EventTableStorageEngine build(Builder builder) {
        return new EventTableStorageEngine(builder, MAX_GAP_OFFSET, LOWEST_GLOBAL_SEQUENCE, GAP_TIMEOUT);
    }

    // Axon's defaults, which its builder keeps private
    private static final int MAX_GAP_OFFSET = 10_000;
    private static final long LOWEST_GLOBAL_SEQUENCE = 1;
    private static final Duration GAP_TIMEOUT = Duration.ofMinutes(1);

    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
            throws SQLException {
        EventSchema schema = schema();
        long globalSequence = resultSet.getLong(schema.globalIndexColumn());
        String aggregateIdentifier = resultSet.getString(schema.aggregateIdentifierColumn());
        String eventIdentifier = resultSet.getString(schema.eventIdentifierColumn());
        // an event stored without an aggregate carries its own identifier as aggregate identifier
        StoredEventEntry<?> event = entry(resultSet, eventIdentifier.equals(aggregateIdentifier) ? null : aggregateIdentifier,
                eventIdentifier);
        boolean allowGaps = event.getTimestamp().isAfter(GenericEventMessage.clock.instant().minus(gapTimeout));
        GapAwareTrackingToken token;
        if (previousToken == null) {
            token = GapAwareTrackingToken.newInstance(globalSequence, allowGaps
                    ? LongStream.range(Math.min(lowestGlobalSequence, globalSequence), globalSequence).boxed()
                            .collect(Collectors.toCollection(TreeSet::new))
                    : Collections.emptySortedSet());
        } else {
            token = previousToken.advanceTo(globalSequence, allowGaps ? maxGapOffset : 0);
        }
        return new TrackedDomainEventData<>(token, event);
    }

    @Override
    protected DomainEventData<?> getDomainEventData(ResultSet resultSet) throws SQLException {
        EventSchema schema = schema();
        return entry(resultSet, resultSet.getString(schema.aggregateIdentifierColumn()),
                resultSet.getString(schema.eventIdentifierColumn()));
    }

    private StoredEventEntry<?> entry(ResultSet resultSet, String aggregateIdentifier, String eventIdentifier)
            throws SQLException {
        EventSchema schema = schema();
        return new StoredEventEntry<>(typeName(resultSet.getString(schema.typeColumn())), aggregateIdentifier,
                resultSet.getLong(schema.sequenceNumberColumn()), eventIdentifier,
                resultSet.getString(schema.timestampColumn()), typeName(resultSet.getString(schema.payloadTypeColumn())),
                typeName(resultSet.getString(schema.payloadRevisionColumn())),
                readPayload(resultSet, schema.payloadColumn()), readPayload(resultSet, schema.metaDataColumn()));
    }

    /**
     * One instance per type name (aggregate type, payload type, revision). Every row read brings its own copy, and the
     * serializer looks each up by name once or twice per event and processor: a copy hashes all its characters at each
     * lookup and compares them all on a hit, the kept instance remembers its hash and is found by identity (in a
     * replay profile the lookups were about 6 % of the read models' CPU). The names are those of the application's
     * aggregates and events; a store with unexpectedly many keeps the rest as they come.
     */
    String typeName(String name) {
        if (name == null) {
            return null;
        }
        String known = typeNames.get(name);
        if (known != null) {
            return known;
        }
        if (typeNames.size() < MAX_TYPE_NAMES) {
            typeNames.putIfAbsent(name, name);
        }
        return name;
    }

    private static final int MAX_TYPE_NAMES = 10_000;
    private final Map<String, String> typeNames = new ConcurrentHashMap<>();

    /** A stored event whose timestamp is parsed once, as it is read. */
    private static final class StoredEventEntry<T> extends GenericDomainEventEntry<T> {

        private final Instant timestamp;

        StoredEventEntry(String type, String aggregateIdentifier, long sequenceNumber, String eventIdentifier,
                         String timestamp, String payloadType, String payloadRevision, T payload, T metaData) {
            super(type, aggregateIdentifier, sequenceNumber, eventIdentifier, timestamp, payloadType, payloadRevision,
                    payload, metaData);
            this.timestamp = IsoInstants.parse(timestamp);
        }

        @Override
        public Instant getTimestamp() {
            return timestamp;
        }
    }
}
