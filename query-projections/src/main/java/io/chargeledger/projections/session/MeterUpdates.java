package io.chargeledger.projections.session;

import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.hibernate.Session;

/**
 * What one projection batch's MeterValues change in session rows the batch does not hold in memory: per session the
 * latest sample time and the last event applied, written with one batched UPDATE as the batch commits. The UPDATE keeps
 * the view's rules: a later sample time only, and nothing for a row that has already applied the event.
 */
final class MeterUpdates {

    /** The MeterValues held back for one session: their latest sample time (null: none had one) and last sequence. */
    record HeldBack(Instant latest, long sequence) {

        HeldBack and(HeldBack later) {
            Instant latestOfBoth = latest == null || (later.latest != null && later.latest.isAfter(latest)) ? later.latest : latest;
            return new HeldBack(latestOfBoth, Math.max(sequence, later.sequence));
        }
    }

    private static final String RESOURCE = MeterUpdates.class.getName();
    private static final String UPDATE = "update session_view set last_meter_value_at = greatest(last_meter_value_at, ?), "
            + "version = ? where session_id = ? and version < ?";

    private final Set<String> inMemory = new HashSet<>();
    private final Map<String, HeldBack> heldBack = new LinkedHashMap<>();

    private MeterUpdates() {
    }

    /** The current batch's, written as it prepares to commit; null outside a unit of work. */
    static MeterUpdates ofBatch(EntityManager entities) {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        return unitOfWork.getOrComputeResource(RESOURCE, key -> {
            MeterUpdates updates = new MeterUpdates();
            unitOfWork.onPrepareCommit(u -> updates.write(entities));
            return updates;
        });
    }

    /** Sessions whose rows the batch changes in memory (loaded or created): their MeterValues go through the row. */
    void inMemory(Collection<String> sessionIds) {
        inMemory.addAll(sessionIds);
    }

    boolean isInMemory(String sessionId) {
        return inMemory.contains(sessionId);
    }

    void meter(String sessionId, Instant latest, long sequence) {
        heldBack.merge(sessionId, new HeldBack(latest, sequence), HeldBack::and);
    }

    /** The MeterValues held back for a session whose row the batch now loads: they are applied to it instead. */
    Optional<HeldBack> takeHeldBack(String sessionId) {
        return Optional.ofNullable(heldBack.remove(sessionId));
    }

    private void write(EntityManager entities) {
        if (heldBack.isEmpty()) {
            return;
        }
        // the batch's own connection and transaction, so the rows commit with its token
        entities.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(UPDATE)) {
                for (Map.Entry<String, HeldBack> entry : heldBack.entrySet()) {
                    HeldBack held = entry.getValue();
                    if (held.latest() == null) {
                        statement.setNull(1, Types.TIMESTAMP_WITH_TIMEZONE);
                    } else {
                        statement.setObject(1, held.latest().atOffset(ZoneOffset.UTC));
                    }
                    statement.setLong(2, held.sequence());
                    statement.setString(3, entry.getKey());
                    statement.setLong(4, held.sequence());
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        });
        heldBack.clear();
    }
}
