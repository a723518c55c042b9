package io.chargeledger.session.api;

/** The charger refused: the session failed and never starts. */
public record RemoteStartRejected(String sessionId) {
}
