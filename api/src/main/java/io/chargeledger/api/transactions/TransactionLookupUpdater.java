package io.chargeledger.api.transactions;

import io.chargeledger.ocpp.sessions.TransactionRegistry;
import io.chargeledger.session.api.IdTokens;
import io.chargeledger.session.api.RemoteStartExpired;
import io.chargeledger.session.api.RemoteStartRejected;
import io.chargeledger.session.api.RemoteStartRequested;
import io.chargeledger.session.api.SessionStarted;
import io.chargeledger.session.api.SessionStopped;
import io.chargeledger.session.api.SessionSuperseded;
import java.sql.Timestamp;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the transaction registry's tables. Runs in a subscribing processor with a propagating error handler:
 * its writes commit in the same database transaction as the events, or neither does (a duplicate start key
 * rolls the whole StartSession back).
 */
@Component
@ProcessingGroup(TransactionLookupUpdater.PROCESSING_GROUP)
public class TransactionLookupUpdater {

    public static final String PROCESSING_GROUP = "transaction-lookup";

    private final JdbcTemplate jdbc;

    public TransactionLookupUpdater(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(RemoteStartRequested event) {
        jdbc.update("insert into pending_remote_start (session_id, charge_point_id, connector_id, id_tag, expires_at) "
                        + "values (?, ?, ?, ?, ?)", event.sessionId(), event.chargePointId(), event.connectorId(),
                IdTokens.canonical(event.idTag()), Timestamp.from(event.expiresAt()));
    }

    @EventHandler
    void on(SessionStarted event) {
        jdbc.update("insert into charging_transaction (transaction_id, session_id, charge_point_id, connector_id, "
                        + "id_tag, meter_start_wh, start_key, open) values (?, ?, ?, ?, ?, ?, ?, true)",
                event.transactionId(), event.sessionId(), event.chargePointId(), event.connectorId(),
                IdTokens.canonical(event.idTag()), event.meterStartWh(),
                TransactionRegistry.startKey(event.chargePointId(), event.connectorId(), IdTokens.canonical(event.idTag()),
                        event.chargerTimestamp(), event.meterStartWh()));
        jdbc.update("delete from pending_remote_start where session_id = ?", event.sessionId());
    }

    @EventHandler
    void on(SessionStopped event) {
        jdbc.update("update charging_transaction set open = false where session_id = ?", event.sessionId());
    }

    @EventHandler
    void on(SessionSuperseded event) {
        jdbc.update("update charging_transaction set open = false where session_id = ?", event.sessionId());
    }

    @EventHandler
    void on(RemoteStartRejected event) {
        jdbc.update("delete from pending_remote_start where session_id = ?", event.sessionId());
    }

    @EventHandler
    void on(RemoteStartExpired event) {
        jdbc.update("delete from pending_remote_start where session_id = ?", event.sessionId());
    }
}
