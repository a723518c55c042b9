package io.chargeledger.session.api;

/** Carries what the outbound RemoteStopTransaction needs, so its sender needs no look-up. */
public record RemoteStopRequested(String sessionId, int transactionId, String chargePointId, String requestedBy) {
}
