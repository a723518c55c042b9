package io.chargeledger.api.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.springframework.stereotype.Component;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an aggregate's history straight from the event store, always from sequence number 0 and never from a
 * snapshot ({@code EventStore.readEvents(id, 0)} skips snapshots, unlike {@code readEvents(id)}), so an auditor sees
 * every event ever stored. Streams are read lazily in the storage engine's batches: memory use does not grow with the
 * length of the history. Works on the JPA store and on Axon Server alike.
 */
@Component
public class EventHistory {

    /** Exact numbers: prices such as 0.30 must not come back as 0.3 or as a binary double. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private final EventStore eventStore;
    private final org.axonframework.config.Configuration axon;

    public EventHistory(EventStore eventStore, org.axonframework.config.Configuration axon) {
        this.eventStore = eventStore;
        this.axon = axon;
    }

    /** The aggregate's whole stream, from sequence 0; empty when there is no such aggregate of that type. */
    Optional<DomainEventStream> fromStart(AuditedAggregate aggregate, String id) {
        DomainEventStream stream = eventStore.readEvents(id, 0L);
        if (!stream.hasNext() || !aggregate.aggregateType().equals(stream.peek().getType())) {
            return Optional.empty();
        }
        return Optional.of(stream);
    }

    /**
     * One page of the stream. Sequence numbers of an aggregate run 0, 1, 2... without gaps, so page p starts at
     * sequence number p × size and the total is the last sequence number + 1.
     */
    Optional<AuditEventPage> page(AuditedAggregate aggregate, String id, int page, int size) {
        Optional<Long> last = eventStore.lastSequenceNumberFor(id);
        if (last.isEmpty()) {
            return Optional.empty();
        }
        long total = last.get() + 1;
        long from = (long) page * size;
        List<AuditEvent> content = new ArrayList<>();
        if (from < total) {
            DomainEventStream stream = eventStore.readEvents(id, from);
            if (stream.hasNext() && !aggregate.aggregateType().equals(stream.peek().getType())) {
                return Optional.empty();
            }
            while (stream.hasNext() && content.size() < size) {
                content.add(toAuditEvent(stream.next()));
            }
        } else if (fromStart(aggregate, id).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AuditEventPage(content, page, size, total, (total + size - 1) / size));
    }

    /**
     * Replays the events stored at or before {@code at}, in sequence order, into a state of the caller's making. The
     * replay stops at the first event stored after {@code at}; as an aggregate's events are stored one after another,
     * that is every event with a timestamp up to {@code at}. Empty when the aggregate did not exist yet at that time.
     */
    <S> Optional<StateAt<S>> stateAt(AuditedAggregate aggregate, String id, Instant at, StateBuilder<S> builder) {
        Optional<DomainEventStream> found = fromStart(aggregate, id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        DomainEventStream stream = found.get();
        long applied = 0;
        DomainEventMessage<?> last = null;
        while (stream.hasNext() && !stream.peek().getTimestamp().isAfter(at)) {
            last = stream.next();
            builder.apply(last.getPayload(), last.getTimestamp());
            applied++;
        }
        if (last == null) {
            return Optional.empty();
        }
        return Optional.of(new StateAt<>(id, at, applied, last.getSequenceNumber(), last.getTimestamp(),
                builder.state()));
    }

    /**
     * The event as stored: the payload and metadata are the stored JSON as the storage engine hands it over (after
     * upcasting), not a re-serialization of today's classes, so even an event whose class is gone can be shown. Only
     * an event that may hold a secret is parsed, to be masked.
     */
    AuditEvent toAuditEvent(DomainEventMessage<?> event) {
        Serializer serializer = axon.eventSerializer();
        SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
        SerializedObject<byte[]> metadata = event.serializeMetaData(serializer, byte[].class);
        String type = simpleName(payload.getType().getName());
        String payloadJson = storedJson(payload.getData());
        if (SecretMasking.mayHoldSecret(type, payloadJson)) {
            payloadJson = compact(SecretMasking.mask(type, JSON.readTree(payloadJson), JSON));
        }
        return new AuditEvent(event.getSequenceNumber(), event.getTimestamp(), type, event.getIdentifier(),
                payloadJson, storedJson(metadata.getData()));
    }

    /**
     * Stored JSON as text. The event serializer writes it compact, so it is used as it is; anything else is parsed and
     * re-written (a line break would split an export line), and nothing stored (metadata may be null) is JSON null.
     */
    static String storedJson(byte[] data) {
        String text = data == null ? "" : new String(data, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return "null";
        }
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return compact(JSON.readTree(text));
        }
        return text;
    }

    /** Compact JSON text of a payload or metadata node, numbers exactly as stored. */
    static String compact(JsonNode node) {
        return JSON.writeValueAsString(node);
    }

    private static String simpleName(String className) {
        int cut = Math.max(className.lastIndexOf('.'), className.lastIndexOf('$'));
        return className.substring(cut + 1);
    }

    /** Folds event payloads into a state. */
    interface StateBuilder<S> {
        void apply(Object payload, Instant timestamp);

        S state();
    }
}
