package io.chargeledger.charger.api;

/** How an operation sent to a charger ended. */
public enum OperationOutcome {
    /** The charger answered with a CALLRESULT (whose status may still say Rejected). */
    ANSWERED,
    /** The charger answered with a CALLERROR. */
    CALL_ERROR,
    /** No answer within the timeout. */
    TIMED_OUT,
    /** The connection closed before an answer came. */
    CONNECTION_LOST
}
