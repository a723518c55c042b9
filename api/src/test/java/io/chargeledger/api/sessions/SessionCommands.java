package io.chargeledger.api.sessions;

import io.chargeledger.ocpp.sessions.TransactionRegistry;
import io.chargeledger.session.api.AuthorizationStatus;
import io.chargeledger.session.api.IdTagInfo;
import io.chargeledger.session.api.MeterSample;
import io.chargeledger.session.api.RecordMeterValues;
import io.chargeledger.session.api.StartRequestedSession;
import io.chargeledger.session.api.StartSession;
import io.chargeledger.session.api.StopSession;
import io.chargeledger.session.api.Tariff;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;

/** Sends the session commands a charger's StartTransaction, MeterValues and StopTransaction would cause. */
final class SessionCommands {

    static final Tariff EUR_030_PLUS_FEE = new Tariff(new BigDecimal("0.30"), "EUR", new BigDecimal("1.00"));

    private final CommandGateway commands;
    private final TransactionRegistry transactions;

    SessionCommands(CommandGateway commands, TransactionRegistry transactions) {
        this.commands = commands;
        this.transactions = transactions;
    }

    String start(String chargePointId, int connectorId, String idTag, long meterStartWh, Instant at, Tariff tariff) {
        return start(chargePointId, connectorId, idTag, meterStartWh, at, tariff, AuthorizationStatus.Accepted);
    }

    String start(String chargePointId, int connectorId, String idTag, long meterStartWh, Instant at, Tariff tariff,
                 AuthorizationStatus authorization) {
        String sessionId = UUID.randomUUID().toString();
        start(sessionId, chargePointId, connectorId, idTag, meterStartWh, at, tariff, authorization);
        return sessionId;
    }

    int start(String sessionId, String chargePointId, int connectorId, String idTag, long meterStartWh, Instant at,
              Tariff tariff, AuthorizationStatus authorization) {
        StartSession start = startOf(sessionId, chargePointId, connectorId, idTag, meterStartWh, at, tariff, authorization);
        commands.sendAndWait(start);
        return start.transactionId();
    }

    /** The charger's start of the session a remote start created. */
    int startRequested(String sessionId, String chargePointId, int connectorId, String idTag, long meterStartWh,
                       Instant at, Tariff tariff, AuthorizationStatus authorization) {
        StartSession start = startOf(sessionId, chargePointId, connectorId, idTag, meterStartWh, at, tariff, authorization);
        commands.sendAndWait(new StartRequestedSession(start));
        return start.transactionId();
    }

    private StartSession startOf(String sessionId, String chargePointId, int connectorId, String idTag,
                                 long meterStartWh, Instant at, Tariff tariff, AuthorizationStatus authorization) {
        return new StartSession(sessionId, transactions.allocateTransactionId(), chargePointId, connectorId, idTag,
                meterStartWh, at, at.plusMillis(250), tariff, new IdTagInfo(authorization, null, null), null);
    }

    void meterValues(String sessionId, MeterSample... samples) {
        commands.sendAndWait(new RecordMeterValues(sessionId, List.of(samples)));
    }

    void stop(String sessionId, long meterStopWh, Instant at, String reason, MeterSample... transactionData) {
        commands.sendAndWait(new StopSession(sessionId, meterStopWh, at, at.plusMillis(300), reason, null,
                List.of(transactionData)));
    }

    static MeterSample register(Instant at, String wh) {
        return new MeterSample(at, null, null, "Wh", "Sample.Periodic", "Outlet", new BigDecimal(wh));
    }

    static MeterSample sample(Instant at, String measurand, String phase, String unit, String value) {
        return new MeterSample(at, measurand, phase, unit, "Sample.Periodic", "Outlet", new BigDecimal(value));
    }
}
