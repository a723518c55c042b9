package io.chargeledger.api.transactions;

import static org.assertj.core.api.Assertions.assertThat;

import io.chargeledger.api.support.ApiIntegrationTest;
import io.chargeledger.ocpp.sessions.TransactionRegistry.IssuedTransaction;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** What a transactionId was issued for: read once from the registry's table, then known without a query. */
class IssuedTransactionTest extends ApiIntegrationTest {

    @Autowired
    JdbcTransactionRegistry registry;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anIssuedTransactionIsFoundWithWhatItWasIssuedFor() {
        IssuedTransaction stored = store(true);

        assertThat(registry.issued(stored.transactionId())).contains(stored);
    }

    @Test
    void onceFoundItIsAnsweredWithoutAskingTheDatabaseAgain() {
        IssuedTransaction stored = store(true);
        assertThat(registry.issued(stored.transactionId())).contains(stored);

        // rows are never deleted; removing it here shows where the second answer comes from
        jdbc.update("delete from charging_transaction where transaction_id = ?", stored.transactionId());

        assertThat(registry.issued(stored.transactionId())).contains(stored);
    }

    @Test
    void anIdNotIssuedYetIsLookedUpAgainNextTime() {
        int notYetIssued = registry.allocateTransactionId();
        assertThat(registry.issued(notYetIssued)).isEmpty();

        IssuedTransaction stored = store(notYetIssued, false);

        assertThat(registry.issued(notYetIssued)).contains(stored);
    }

    private IssuedTransaction store(boolean open) {
        return store(registry.allocateTransactionId(), open);
    }

    private IssuedTransaction store(int transactionId, boolean open) {
        String charger = "ISSUED-" + UUID.randomUUID().toString().substring(0, 8);
        IssuedTransaction transaction = new IssuedTransaction(transactionId, UUID.randomUUID().toString(), charger, 1,
                "TAG-1", 1_500);
        jdbc.update("insert into charging_transaction (transaction_id, session_id, charge_point_id, connector_id, id_tag, "
                        + "meter_start_wh, start_key, open) values (?, ?, ?, ?, ?, ?, ?, ?)", transactionId,
                transaction.sessionId(), charger, 1, "TAG-1", 1_500, charger + "|start", open);
        return transaction;
    }
}
