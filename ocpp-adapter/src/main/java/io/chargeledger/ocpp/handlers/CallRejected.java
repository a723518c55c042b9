package io.chargeledger.ocpp.handlers;

import io.chargeledger.ocpp.validation.CallErrorCode;

/** Thrown (or completed exceptionally) by a handler to answer with a specific CALLERROR. */
public class CallRejected extends RuntimeException {

    private final CallErrorCode code;

    public CallRejected(CallErrorCode code, String description) {
        super(description);
        this.code = code;
    }

    public CallErrorCode code() {
        return code;
    }
}
