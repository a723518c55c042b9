package io.chargeledger.ocpp.outbound;

import java.time.Duration;

public class CallTimedOut extends RuntimeException {
    public CallTimedOut(String chargePointId, String action, Duration timeout) {
        super("Charger " + chargePointId + " did not answer " + action + " within " + timeout.toSeconds() + " s");
    }
}
