package io.chargeledger.ocpp.outbound;

public class ConnectionLost extends RuntimeException {
    public ConnectionLost(String chargePointId, String action) {
        super("The connection of " + chargePointId + " closed before it answered " + action);
    }
}
