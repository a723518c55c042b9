package io.chargeledger.ocpp.handlers;

import io.chargeledger.ocpp.connection.ChargePointConnection;
import java.time.Instant;

/** Who sent the call, on which connection, with which OCPP message id, and when it arrived. */
public record OcppCallContext(ChargePointConnection connection, String messageId, String action, Instant receivedAt) {

    public String chargePointId() {
        return connection.chargePointId();
    }
}
