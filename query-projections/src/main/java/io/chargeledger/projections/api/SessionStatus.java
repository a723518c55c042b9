package io.chargeledger.projections.api;

/** Where a charging session stands, as the session read model shows it. */
public enum SessionStatus {
    /** A remote start was requested; waiting for the charger's answer and then its StartTransaction. */
    PENDING_REMOTE_START,
    /** The charger refused the remote start: the session never starts. */
    REMOTE_START_REJECTED,
    /** The charger did not start in time: the session never starts. */
    REMOTE_START_EXPIRED,
    /** Started (StartTransaction), not stopped yet. */
    ACTIVE,
    /** Stopped, with its billable totals. */
    STOPPED
}
