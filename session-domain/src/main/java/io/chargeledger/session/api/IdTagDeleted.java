package io.chargeledger.session.api;

public record IdTagDeleted(String idTag) {
}
