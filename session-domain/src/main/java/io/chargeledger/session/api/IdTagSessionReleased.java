package io.chargeledger.session.api;

public record IdTagSessionReleased(String idTag, String sessionId) {
}
