package io.chargeledger.session.api;

public record RemoteStartAccepted(String sessionId) {
}
