package io.chargeledger.ocpp.handlers;

import io.chargeledger.ocpp.connection.ChargePointConnection;
import java.time.Instant;
import java.util.Map;
import org.axonframework.messaging.MetaData;

/** Who sent the call, on which connection, with which OCPP message id, and when it arrived. */
public record OcppCallContext(ChargePointConnection connection, String messageId, String action, Instant receivedAt) {

    public String chargePointId() {
        return connection.chargePointId();
    }

    /** Who and why, for every command this call causes: the audit trail names the charger and its message. */
    public MetaData metaData() {
        return MetaData.from(Map.of("actor", actor(chargePointId()), "ocppMessageId", messageId, "ocppAction", action));
    }

    public static String actor(String chargePointId) {
        return "charger:" + chargePointId;
    }

    /** Metadata of commands a charger's connection causes outside any CALL (connect, disconnect, liveness). */
    public static MetaData connectionMetaData(String chargePointId) {
        return MetaData.with("actor", actor(chargePointId));
    }
}
