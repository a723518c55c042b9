package io.chargeledger.ocpp.outbound;

/** The charger answered a CALL with a CALLERROR. */
public class CallErrorReceived extends RuntimeException {

    private final String errorCode;
    private final String errorDescription;

    public CallErrorReceived(String chargePointId, String action, String errorCode, String errorDescription) {
        super("Charger " + chargePointId + " answered " + action + " with " + errorCode
                + (errorDescription == null || errorDescription.isEmpty() ? "" : ": " + errorDescription));
        this.errorCode = errorCode;
        this.errorDescription = errorDescription;
    }

    public String errorCode() {
        return errorCode;
    }

    public String errorDescription() {
        return errorDescription;
    }
}
