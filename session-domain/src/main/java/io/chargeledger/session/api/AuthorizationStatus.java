package io.chargeledger.session.api;

/** OCPP 1.6 AuthorizationStatus, spelled as on the wire so that the adapter can pass it through. */
public enum AuthorizationStatus {
    Accepted,
    Blocked,
    Expired,
    Invalid,
    ConcurrentTx
}
