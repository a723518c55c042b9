package io.chargeledger.api.audit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Export formats of an aggregate's whole event stream. Each event is converted and written as it is read, so an
 * export of any length needs the memory of one storage batch.
 */
enum EventExport {

    /** One JSON object per line, the same objects as in the paged JSON. */
    JSONL("jsonl", MediaType.APPLICATION_NDJSON) {
        @Override
        void writeHeader(Writer out) {
        }

        @Override
        void write(AuditEvent event, Writer out, JsonMapper json) throws IOException {
            out.write(json.writeValueAsString(event));
            out.write('\n');
        }
    },

    /** RFC 4180: a header line, CRLF line ends, fields quoted when they hold a comma, quote or line break. */
    CSV("csv", new MediaType("text", "csv", StandardCharsets.UTF_8)) {
        @Override
        void writeHeader(Writer out) throws IOException {
            out.write("sequenceNumber,timestamp,type,eventId,payload,metadata\r\n");
        }

        @Override
        void write(AuditEvent event, Writer out, JsonMapper json) throws IOException {
            out.write(Long.toString(event.sequenceNumber()));
            out.write(',');
            out.write(csvField(event.timestamp().toString()));
            out.write(',');
            out.write(csvField(event.type()));
            out.write(',');
            out.write(csvField(event.eventId()));
            out.write(',');
            out.write(csvField(EventHistory.compact(event.payload())));
            out.write(',');
            out.write(csvField(EventHistory.compact(event.metadata())));
            out.write("\r\n");
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

    abstract void writeHeader(Writer out) throws IOException;

    abstract void write(AuditEvent event, Writer out, JsonMapper json) throws IOException;

    /** Writes the stream to its end; the writer's buffer is flushed to the client as it fills. */
    void writeAll(DomainEventStream events, EventHistory history, OutputStream target, JsonMapper json)
            throws IOException {
        Writer out = new BufferedWriter(new OutputStreamWriter(target, StandardCharsets.UTF_8), 16 * 1024);
        writeHeader(out);
        while (events.hasNext()) {
            write(history.toAuditEvent(events.next()), out, json);
        }
        out.flush();
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
