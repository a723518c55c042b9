package io.chargeledger.session.api;

public record SessionAnomalyFlagged(String sessionId, String anomaly, String detail) {
}
