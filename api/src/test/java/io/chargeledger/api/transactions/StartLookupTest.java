package io.chargeledger.api.transactions;

import static org.assertj.core.api.Assertions.assertThat;

import io.chargeledger.api.support.ApiIntegrationTest;
import io.chargeledger.ocpp.sessions.TransactionRegistry.PendingRemoteStart;
import io.chargeledger.ocpp.sessions.TransactionRegistry.StartLookup;
import io.chargeledger.ocpp.sessions.TransactionRegistry.Transaction;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** A StartTransaction's one query answers each of its three questions as the single-purpose lookups would. */
class StartLookupTest extends ApiIntegrationTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @Autowired
    JdbcTransactionRegistry registry;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aFirstStartOnAnIdleConnectorFindsNothing() {
        String charger = charger();
        storeTransaction(charger, 2, "OTHER", charger + "|elsewhere", true);

        StartLookup found = registry.lookUpStart(charger + "|no-such-start", charger, 1, "TAG", NOW);

        assertThat(found.retried()).isEmpty();
        assertThat(found.remoteStart()).isEmpty();
        assertThat(found.openOnConnector()).isEmpty();
    }

    @Test
    void aRetriedStartFindsItsTransactionAndTheStillOpenSessionOnItsConnector() {
        String charger = charger();
        storeTransaction(charger, 1, "TAG", charger + "|old-start", false);
        Transaction open = storeTransaction(charger, 1, "TAG", charger + "|this-start", true);

        StartLookup found = registry.lookUpStart(charger + "|this-start", charger, 1, "TAG", NOW);

        assertThat(found.retried()).contains(open);
        assertThat(found.openOnConnector()).contains(open);
        assertThat(found.openOnConnector()).isEqualTo(registry.openOnConnector(charger, 1));
        assertThat(found.retried()).isEqualTo(registry.findByStartKey(charger + "|this-start"));
    }

    @Test
    void theEarliestExpiringRemoteStartStillWaitingForThisTagAndConnectorIsFound() {
        String charger = charger();
        storeRemoteStart(charger, 1, "TAG", NOW.minusSeconds(1));      // expired
        storeRemoteStart(charger, 2, "TAG", NOW.plusSeconds(10));      // another connector
        storeRemoteStart(charger, 1, "OTHER", NOW.plusSeconds(10));    // another tag
        PendingRemoteStart anyConnector = storeRemoteStart(charger, null, "TAG", NOW.plusSeconds(50));
        PendingRemoteStart thisConnector = storeRemoteStart(charger, 1, "TAG", NOW.plusSeconds(40));

        assertThat(registry.lookUpStart("k", charger, 1, "TAG", NOW).remoteStart()).contains(thisConnector);
        // tags are compared as OCPP does: case-insensitively
        assertThat(registry.lookUpStart("k", charger, 1, "tag", NOW).remoteStart()).contains(thisConnector);
        assertThat(registry.lookUpStart("k", charger, 3, "TAG", NOW).remoteStart()).contains(anyConnector);
        assertThat(registry.lookUpStart("k", charger, 3, "TAG", NOW.plusSeconds(60)).remoteStart()).isEmpty();
    }

    private static String charger() {
        return "LOOKUP-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private Transaction storeTransaction(String charger, int connectorId, String idTag, String startKey, boolean open) {
        Transaction transaction = new Transaction(registry.allocateTransactionId(), UUID.randomUUID().toString(), charger,
                connectorId, idTag, 1_000, open);
        jdbc.update("insert into charging_transaction (transaction_id, session_id, charge_point_id, connector_id, id_tag, "
                        + "meter_start_wh, start_key, open) values (?, ?, ?, ?, ?, ?, ?, ?)", transaction.transactionId(),
                transaction.sessionId(), charger, connectorId, idTag, transaction.meterStartWh(), startKey, open);
        return transaction;
    }

    private PendingRemoteStart storeRemoteStart(String charger, Integer connectorId, String idTag, Instant expiresAt) {
        PendingRemoteStart start = new PendingRemoteStart(UUID.randomUUID().toString(), charger, connectorId, idTag,
                expiresAt);
        jdbc.update("insert into pending_remote_start (session_id, charge_point_id, connector_id, id_tag, expires_at) "
                + "values (?, ?, ?, ?, ?)", start.sessionId(), charger, connectorId, idTag, Timestamp.from(expiresAt));
        return start;
    }
}
