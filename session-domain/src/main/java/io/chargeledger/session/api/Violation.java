package io.chargeledger.session.api;

/** One broken rule, naming the offending field as the REST API spells it (e.g. {@code tariff.currency}). */
public record Violation(String field, String message) {
}
