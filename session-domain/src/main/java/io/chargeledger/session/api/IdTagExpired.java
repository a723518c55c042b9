package io.chargeledger.session.api;

public record IdTagExpired(String idTag) {
}
