package io.chargeledger.projections.charger;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes heartbeat liveness (from the OCPP adapter's liveness monitor) into the charger read model in one batch per round, without events. lastSeen only
 * moves forward, so a late batch can never undo a newer value written by the projector.
 */
@Component
public class ChargerLastSeenWriter {

    private final JdbcTemplate jdbc;

    public ChargerLastSeenWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void lastSeen(Map<String, Instant> lastSeenByCharger) {
        // In key order, the order Hibernate flushes the charger-view projector's updates in (order_updates): two
        // transactions that lock rows in the same order wait for each other but never deadlock.
        List<Object[]> rows = new ArrayList<>(lastSeenByCharger.size());
        new TreeMap<>(lastSeenByCharger).forEach((id, at) -> rows.add(new Object[] {Timestamp.from(at), id, Timestamp.from(at)}));
        jdbc.batchUpdate("update charger_view set last_seen = ? where charge_point_id = ? "
                + "and (last_seen is null or last_seen < ?)", rows);
    }
}
