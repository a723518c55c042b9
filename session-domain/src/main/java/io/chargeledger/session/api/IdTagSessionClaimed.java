package io.chargeledger.session.api;

public record IdTagSessionClaimed(String idTag, String sessionId) {
}
