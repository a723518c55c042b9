package io.chargeledger.ocpp.sessions;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The strongly consistent side of charging sessions: OCPP transactionIds and which sessions are open where.
 * It is written in the same database transaction as the session events (never by an eventually consistent
 * projection), so StartTransaction retries, MeterValues and StopTransaction always resolve correctly.
 */
public interface TransactionRegistry {

    /** A new positive 32-bit transactionId, unique in the whole system. */
    int allocateTransactionId();

    /** The session a repeated StartTransaction (same charger, connector, idTag, timestamp, meterStart) created. */
    Optional<Transaction> findByStartKey(String startKey);

    /**
     * What a transactionId was issued for: its session, charger, connector, tag and meter start. None of it changes
     * once issued (a transactionId is never handed out twice), so an implementation may answer from memory; whether
     * the transaction is still open is not part of the answer (see {@link #openOnConnector}).
     */
    Optional<IssuedTransaction> issued(int transactionId);

    /** The open (started, not stopped) session on a connector, if any. */
    Optional<Transaction> openOnConnector(String chargePointId, int connectorId);

    /** Every open session of a charger (for a reboot mid-session). */
    List<Transaction> openOnCharger(String chargePointId);

    /**
     * What a StartTransaction must know before it starts a session, found together (one round trip on the charger's
     * way): the session an earlier copy of this start created, the remote start it answers, and the session still
     * open on its connector.
     */
    StartLookup lookUpStart(String startKey, String chargePointId, int connectorId, String idTag, Instant at);

    record StartLookup(Optional<Transaction> retried, Optional<PendingRemoteStart> remoteStart,
                       Optional<Transaction> openOnConnector) {
    }

    record Transaction(int transactionId, String sessionId, String chargePointId, int connectorId, String idTag,
                       long meterStartWh, boolean open) {
    }

    record IssuedTransaction(int transactionId, String sessionId, String chargePointId, int connectorId, String idTag,
                             long meterStartWh) {
    }

    record PendingRemoteStart(String sessionId, String chargePointId, Integer connectorId, String idTag,
                              Instant expiresAt) {
    }

    /** Identity of a StartTransaction for retry detection. */
    static String startKey(String chargePointId, int connectorId, String idTag, Instant timestamp, long meterStart) {
        return chargePointId + "|" + connectorId + "|" + idTag + "|" + timestamp.toEpochMilli() + "|" + meterStart;
    }
}
