package io.chargeledger.api.transactions;

import io.chargeledger.ocpp.sessions.TransactionRegistry;
import io.chargeledger.session.api.IdTokens;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/** The transaction registry on PostgreSQL: a sequence for transactionIds, tables kept by {@link TransactionLookupUpdater}. */
@Component
public class JdbcTransactionRegistry implements TransactionRegistry {

    private static final String COLUMNS =
            "transaction_id, session_id, charge_point_id, connector_id, id_tag, meter_start_wh, open";

    private static final String BY_START_KEY = " from charging_transaction where start_key = ?";
    private static final String OPEN_ON_CONNECTOR = " from charging_transaction where charge_point_id = ? "
            + "and connector_id = ? and open order by transaction_id desc limit 1";

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
        return one("select " + COLUMNS + BY_START_KEY, startKey);
    }

    /**
     * Every MeterValues and StopTransaction asks this, up to a few times a minute per charging connector: answered from
     * memory after the first time. Only what was found is kept (an id not issued yet may be issued later), and only
     * what never changes once issued, so a node's memory cannot disagree with another node's writes.
     */
    @Override
    public Optional<IssuedTransaction> issued(int transactionId) {
        IssuedTransaction known = recentlyIssued.get(transactionId);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<IssuedTransaction> found = one("select " + COLUMNS + " from charging_transaction where transaction_id = ?",
                transactionId).map(JdbcTransactionRegistry::withoutOpenFlag);
        found.ifPresent(issued -> recentlyIssued.put(transactionId, issued));
        return found;
    }

    // the transactions of the most recent lookups: a node's charging connectors, with room to spare
    private static final int RECENTLY_ISSUED = 20_000;
    private final Map<Integer, IssuedTransaction> recentlyIssued = Collections.synchronizedMap(
            new LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Integer, IssuedTransaction> eldest) {
                    return size() > RECENTLY_ISSUED;
                }
            });

    private static IssuedTransaction withoutOpenFlag(Transaction transaction) {
        return new IssuedTransaction(transaction.transactionId(), transaction.sessionId(), transaction.chargePointId(),
                transaction.connectorId(), transaction.idTag(), transaction.meterStartWh());
    }

    @Override
    public Optional<Transaction> openOnConnector(String chargePointId, int connectorId) {
        return one("select " + COLUMNS + OPEN_ON_CONNECTOR, chargePointId, connectorId);
    }

    @Override
    public List<Transaction> openOnCharger(String chargePointId) {
        return jdbc.query("select " + COLUMNS + " from charging_transaction where charge_point_id = ? and open",
                JdbcTransactionRegistry::transaction, chargePointId);
    }

    /**
     * One query with three parts: the start key's session, the open session on the connector (as {@link
     * #openOnConnector}) and the earliest-expiring remote start still waiting for this charger, tag and connector (or
     * for any connector of the charger).
     */
    @Override
    public StartLookup lookUpStart(String startKey, String chargePointId, int connectorId, String idTag, Instant at) {
        StartLookupRows rows = new StartLookupRows();
        jdbc.query("(select 'retried' as kind, " + COLUMNS + ", null::timestamptz as expires_at" + BY_START_KEY + ") "
                        + "union all (select 'open', " + COLUMNS + ", null" + OPEN_ON_CONNECTOR + ") "
                        + "union all (select 'remote', null, session_id, charge_point_id, connector_id, id_tag, null, null, "
                        + "expires_at from pending_remote_start where charge_point_id = ? and id_tag = ? "
                        + "and (connector_id is null or connector_id = ?) and expires_at >= ? order by expires_at limit 1)",
                rows, startKey, chargePointId, connectorId, chargePointId, IdTokens.canonical(idTag), connectorId,
                Timestamp.from(at));
        return new StartLookup(Optional.ofNullable(rows.retried), Optional.ofNullable(rows.remoteStart),
                Optional.ofNullable(rows.open));
    }

    /** Sorts the rows of {@link #lookUpStart} by the question each answers (at most one row each). */
    private static final class StartLookupRows implements RowCallbackHandler {
        private Transaction retried;
        private Transaction open;
        private PendingRemoteStart remoteStart;

        @Override
        public void processRow(ResultSet rs) throws SQLException {
            switch (rs.getString("kind")) {
                case "retried" -> retried = transaction(rs, 0);
                case "open" -> open = transaction(rs, 0);
                case "remote" -> remoteStart = remoteStart(rs, 0);
            }
        }
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

    private static PendingRemoteStart remoteStart(ResultSet rs, int row) throws SQLException {
        return new PendingRemoteStart(rs.getString("session_id"), rs.getString("charge_point_id"),
                (Integer) rs.getObject("connector_id"), rs.getString("id_tag"), rs.getTimestamp("expires_at").toInstant());
    }

    private static Transaction transaction(ResultSet rs, int row) throws SQLException {
        return new Transaction(rs.getInt("transaction_id"), rs.getString("session_id"), rs.getString("charge_point_id"),
                rs.getInt("connector_id"), rs.getString("id_tag"), rs.getLong("meter_start_wh"), rs.getBoolean("open"));
    }
}
