package io.chargeledger.ocpp.outbound;

/** An operation request that cannot be sent: unknown operation or a payload the OCPP schema rejects. */
public class InvalidOperation extends RuntimeException {

    private final String field;

    public InvalidOperation(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
