package io.chargeledger.api.audit;

import io.chargeledger.ocpp.sessions.TransactionRegistry;
import io.chargeledger.session.api.AuthorizationStatus;
import io.chargeledger.session.api.IdTagInfo;
import io.chargeledger.session.api.MeterSample;
import io.chargeledger.session.api.RecordMeterValues;
import io.chargeledger.session.api.StartSession;
import io.chargeledger.session.api.StopSession;
import io.chargeledger.session.api.Tariff;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;

/** A charging session made of the commands a charger's StartTransaction, MeterValues and StopTransaction cause. */
final class AuditTestData {

    static final Tariff EUR_030_PLUS_FEE = new Tariff(new BigDecimal("0.30"), "EUR", new BigDecimal("1.00"));

    private AuditTestData() {
    }

    static String startSession(CommandGateway commands, TransactionRegistry transactions, String chargePointId,
                               long meterStartWh, Instant at) {
        String sessionId = UUID.randomUUID().toString();
        commands.sendAndWait(new StartSession(sessionId, transactions.allocateTransactionId(), chargePointId, 1,
                "TAG-AUDIT", meterStartWh, at, at.plusMillis(250), EUR_030_PLUS_FEE,
                new IdTagInfo(AuthorizationStatus.Accepted, null, null), null));
        return sessionId;
    }

    static void meterValues(CommandGateway commands, String sessionId, Instant at, String registerWh) {
        commands.sendAndWait(new RecordMeterValues(sessionId, List.of(register(at, registerWh))));
    }

    static void stopSession(CommandGateway commands, String sessionId, long meterStopWh, Instant at) {
        commands.sendAndWait(new StopSession(sessionId, meterStopWh, at, at.plusMillis(300), null, null, List.of()));
    }

    static MeterSample register(Instant at, String wh) {
        return new MeterSample(at, null, null, "Wh", "Sample.Periodic", "Outlet", new BigDecimal(wh));
    }
}
