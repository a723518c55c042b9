package io.chargeledger.charger.api;

/** One broken rule, naming the offending field as the REST API spells it. */
public record Violation(String field, String message) {
}
