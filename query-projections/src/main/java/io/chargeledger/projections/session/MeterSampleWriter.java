package io.chargeledger.projections.session;

import io.chargeledger.session.api.MeterSample;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes the meter samples of the session view with one PostgreSQL {@code COPY} per projection batch, as its
 * transaction is about to commit. Samples are only ever inserted and never read back while projecting, so they bypass
 * Hibernate. A replay writes several sample rows for every MeterValues event, millions in all: as {@code COPY} rows
 * they cost neither a bound parameter each on the client nor a parsed multi-row {@code INSERT} on the server.
 * Reads go through {@link MeterSampleView}.
 */
@Component
class MeterSampleWriter {

    private static final String COPY = "copy meter_sample (session_id, event_sequence, sample_index, sampled_at, "
            + "measurand, phase, unit, context, location, sample_value, after_stop) from stdin";
    private static final String PENDING = MeterSampleWriter.class.getName() + ".pending";

    private final JdbcTemplate jdbc;

    MeterSampleWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds the samples of one MeterValues event to the current batch's copy (written at once outside a batch). */
    void add(String sessionId, long eventSequence, List<MeterSample> samples, boolean afterStop) {
        if (!CurrentUnitOfWork.isStarted()) {
            StringBuilder rows = new StringBuilder();
            appendRows(rows, sessionId, eventSequence, samples, afterStop);
            copy(rows);
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        StringBuilder pending = unitOfWork.getOrComputeResource(PENDING, key -> {
            StringBuilder rows = new StringBuilder();
            unitOfWork.onPrepareCommit(u -> copy(rows));
            return rows;
        });
        appendRows(pending, sessionId, eventSequence, samples, afterStop);
    }

    // joins the projection's transaction: JdbcTemplate hands out the connection Spring bound to it
    private void copy(StringBuilder rows) {
        if (rows.isEmpty()) {
            return;
        }
        byte[] text = rows.toString().getBytes(StandardCharsets.UTF_8);
        jdbc.execute((ConnectionCallback<Long>) connection -> {
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
            try {
                copy.writeToCopy(text, 0, text.length);
                return copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        });
    }

    /** One line per sample in COPY's text format: tab-separated, {@code \N} for null. */
    static void appendRows(StringBuilder rows, String sessionId, long eventSequence, List<MeterSample> samples,
                           boolean afterStop) {
        for (int index = 0; index < samples.size(); index++) {
            MeterSample sample = samples.get(index);
            appendText(rows, sessionId).append('\t').append(eventSequence).append('\t').append(index).append('\t');
            // Instant's ISO-8601 text, always in UTC ("Z"), is read by timestamptz as that instant
            appendText(rows, sample.timestamp() == null ? null : sample.timestamp().toString()).append('\t');
            appendText(rows, sample.measurand()).append('\t');
            appendText(rows, sample.phase()).append('\t');
            appendText(rows, sample.unit()).append('\t');
            appendText(rows, sample.context()).append('\t');
            appendText(rows, sample.location()).append('\t');
            appendText(rows, sample.value() == null ? null : sample.value().toPlainString()).append('\t');
            rows.append(afterStop ? 't' : 'f').append('\n');
        }
    }

    // Values come from chargers: a backslash, tab or line break in them must not end the field or the row.
    private static StringBuilder appendText(StringBuilder rows, String value) {
        if (value == null) {
            return rows.append("\\N");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> rows.append("\\\\");
                case '\t' -> rows.append("\\t");
                case '\n' -> rows.append("\\n");
                case '\r' -> rows.append("\\r");
                default -> rows.append(c);
            }
        }
        return rows;
    }
}
