package io.chargeledger.session.api;

public record IdTagBlocked(String idTag) {
}
