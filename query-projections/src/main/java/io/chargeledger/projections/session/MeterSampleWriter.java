package io.chargeledger.projections.session;

import io.chargeledger.session.api.MeterSample;
import java.sql.Types;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes the meter samples of the session view with one JDBC batch per projection batch, as its transaction is about
 * to commit. Samples are only ever inserted and never read back while projecting, so they bypass Hibernate: no entity
 * per sample to register, dirty-check at every flush and insert one by one. (A replay writes a sample row for almost
 * every event.) Reads go through {@link MeterSampleView}.
 */
@Component
class MeterSampleWriter {

    private static final String INSERT = "insert into meter_sample (session_id, event_sequence, sample_index, sampled_at, "
            + "measurand, phase, unit, context, location, sample_value, after_stop) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    // Declared, so that a null (most samples have no phase or location) costs no parameter lookup on the server, and
    // the instant is sent with its offset whatever the JVM's time zone.
    private static final int[] TYPES = {Types.VARCHAR, Types.BIGINT, Types.INTEGER, Types.TIMESTAMP_WITH_TIMEZONE,
            Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.NUMERIC, Types.BOOLEAN};
    private static final String PENDING = MeterSampleWriter.class.getName() + ".pending";

    private final JdbcTemplate jdbc;

    MeterSampleWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds the samples of one MeterValues event to the current batch's insert (written at once outside a batch). */
    void add(String sessionId, long eventSequence, List<MeterSample> samples, boolean afterStop) {
        List<Object[]> rows = new ArrayList<>(samples.size());
        for (int index = 0; index < samples.size(); index++) {
            MeterSample sample = samples.get(index);
            rows.add(new Object[] {sessionId, eventSequence, index,
                    sample.timestamp() == null ? null : sample.timestamp().atOffset(ZoneOffset.UTC), sample.measurand(),
                    sample.phase(), sample.unit(), sample.context(), sample.location(), sample.value(), afterStop});
        }
        if (!CurrentUnitOfWork.isStarted()) {
            jdbc.batchUpdate(INSERT, rows, TYPES);
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        unitOfWork.<List<Object[]>>getOrComputeResource(PENDING, key -> {
            List<Object[]> pending = new ArrayList<>();
            unitOfWork.onPrepareCommit(u -> jdbc.batchUpdate(INSERT, pending, TYPES));
            return pending;
        }).addAll(rows);
    }
}
