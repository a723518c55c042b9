package io.chargeledger.api.transactions;

import io.chargeledger.ocpp.sessions.TransactionRegistry;
import io.chargeledger.session.api.IdTokens;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The transaction registry on PostgreSQL: a sequence for transactionIds, tables kept by {@link TransactionLookupUpdater}. */
@Component
public class JdbcTransactionRegistry implements TransactionRegistry {

    private static final String COLUMNS =
            "transaction_id, session_id, charge_point_id, connector_id, id_tag, meter_start_wh, open";

    private final JdbcTemplate jdbc;

    public JdbcTransactionRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Ids are taken from the sequence a block at a time: a StartTransaction's answer waits for every round trip on its
     * way, and one query per {@value #ID_BLOCK} starts is enough. Ids stay unique across nodes and restarts (the
     * sequence never hands a value out twice); those of a block not used before a restart are skipped, which OCPP
     * does not mind: a transactionId only has to identify its transaction.
     */
    @Override
    public synchronized int allocateTransactionId() {
        if (reservedIds.isEmpty()) {
            reservedIds.addAll(jdbc.queryForList("select nextval('transaction_id_seq')::integer from generate_series(1, ?)",
                    Integer.class, ID_BLOCK));
        }
        return reservedIds.removeFirst();
    }

    private static final int ID_BLOCK = 50;
    private final Deque<Integer> reservedIds = new ArrayDeque<>();

    @Override
    public Optional<Transaction> findByStartKey(String startKey) {
        return one("select " + COLUMNS + " from charging_transaction where start_key = ?", startKey);
    }

    @Override
    public Optional<Transaction> findByTransactionId(int transactionId) {
        return one("select " + COLUMNS + " from charging_transaction where transaction_id = ?", transactionId);
    }

    @Override
    public Optional<Transaction> openOnConnector(String chargePointId, int connectorId) {
        return one("select " + COLUMNS + " from charging_transaction where charge_point_id = ? and connector_id = ? "
                + "and open order by transaction_id desc limit 1", chargePointId, connectorId);
    }

    @Override
    public List<Transaction> openOnCharger(String chargePointId) {
        return jdbc.query("select " + COLUMNS + " from charging_transaction where charge_point_id = ? and open",
                JdbcTransactionRegistry::transaction, chargePointId);
    }

    @Override
    public Optional<PendingRemoteStart> pendingRemoteStart(String chargePointId, int connectorId, String idTag,
                                                           Instant at) {
        return jdbc.query("select session_id, charge_point_id, connector_id, id_tag, expires_at from pending_remote_start "
                        + "where charge_point_id = ? and id_tag = ? and (connector_id is null or connector_id = ?) "
                        + "and expires_at >= ? order by expires_at limit 1",
                (rs, row) -> new PendingRemoteStart(rs.getString(1), rs.getString(2), (Integer) rs.getObject(3),
                        rs.getString(4), rs.getTimestamp(5).toInstant()),
                chargePointId, IdTokens.canonical(idTag), connectorId, Timestamp.from(at)).stream().findFirst();
    }

    /** Remote starts whose window closed without the charger starting: to be expired. */
    public List<String> overdueRemoteStarts(Instant now) {
        return jdbc.queryForList("select session_id from pending_remote_start where expires_at < ?", String.class,
                Timestamp.from(now));
    }

    void forgetRemoteStart(String sessionId) {
        jdbc.update("delete from pending_remote_start where session_id = ?", sessionId);
    }

    private Optional<Transaction> one(String sql, Object... arguments) {
        return jdbc.query(sql, JdbcTransactionRegistry::transaction, arguments).stream().findFirst();
    }

    private static Transaction transaction(ResultSet rs, int row) throws SQLException {
        return new Transaction(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                rs.getLong(6), rs.getBoolean(7));
    }
}
