package io.chargeledger.api.audit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.springframework.http.MediaType;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Export formats of an aggregate's whole event stream. Each event is converted and written as it is read, so an
 * export of any length needs the memory of one storage batch.
 */
enum EventExport {

    /** One JSON object per line, the same objects as in the paged JSON. */
    JSONL("jsonl", MediaType.APPLICATION_NDJSON) {
        @Override
        void write(Iterator<AuditEvent> events, OutputStream target, JsonMapper json) {
            // One generator writes UTF-8 into the response, flushed as its buffer fills (not after every event, which
            // would send each line in packets of its own). The target stays open for the container to finish.
            ObjectWriter writer = json.writerFor(AuditEvent.class)
                    .without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE)
                    .without(StreamWriteFeature.AUTO_CLOSE_TARGET)
                    .withRootValueSeparator((String) null);
            try (JsonGenerator out = writer.createGenerator(target)) {
                while (events.hasNext()) {
                    writer.writeValue(out, events.next());
                    out.writeRaw('\n');
                }
            }
        }
    },

    /** RFC 4180: a header line, CRLF line ends, fields quoted when they hold a comma, quote or line break. */
    CSV("csv", new MediaType("text", "csv", StandardCharsets.UTF_8)) {
        @Override
        void write(Iterator<AuditEvent> events, OutputStream target, JsonMapper json) throws IOException {
            Writer out = new BufferedWriter(new OutputStreamWriter(target, StandardCharsets.UTF_8), 16 * 1024);
            out.write("sequenceNumber,timestamp,type,eventId,payload,metadata\r\n");
            while (events.hasNext()) {
                AuditEvent event = events.next();
                out.write(Long.toString(event.sequenceNumber()));
                out.write(',');
                out.write(csvField(event.timestamp().toString()));
                out.write(',');
                out.write(csvField(event.type()));
                out.write(',');
                out.write(csvField(event.eventId()));
                out.write(',');
                out.write(csvField(event.payload()));
                out.write(',');
                out.write(csvField(event.metadata()));
                out.write("\r\n");
            }
            out.flush();
        }
    };

    private final String format;
    private final MediaType mediaType;

    EventExport(String format, MediaType mediaType) {
        this.format = format;
        this.mediaType = mediaType;
    }

    static Optional<EventExport> of(String format) {
        for (EventExport export : values()) {
            if (export.format.equals(format.toLowerCase(Locale.ROOT))) {
                return Optional.of(export);
            }
        }
        return Optional.empty();
    }

    MediaType mediaType() {
        return mediaType;
    }

    String fileName(AuditedAggregate aggregate, String id) {
        // the id goes into a header: keep it to characters that need no quoting or escaping anywhere
        return aggregate.noun() + "-" + id.replaceAll("[^A-Za-z0-9._-]", "_") + "-events." + format;
    }

    abstract void write(Iterator<AuditEvent> events, OutputStream target, JsonMapper json) throws IOException;

    /** Writes the stream to its end, each event converted as it is read. */
    void writeAll(DomainEventStream events, EventHistory history, OutputStream target, JsonMapper json)
            throws IOException {
        write(events.asStream().map(history::toAuditEvent).iterator(), target, json);
    }

    static String csvField(String value) {
        if (value == null) {
            return "";
        }
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0 || (!value.isEmpty()
                && (Character.isWhitespace(value.charAt(0)) || Character.isWhitespace(value.charAt(value.length() - 1))));
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
