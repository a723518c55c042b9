package io.chargeledger.session.api;

public record IdTagUnblocked(String idTag) {
}
