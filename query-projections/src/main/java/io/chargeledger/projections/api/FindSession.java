package io.chargeledger.projections.api;

/** Answered with an Optional of {@link SessionSummary}. */
public record FindSession(String sessionId) {
}
