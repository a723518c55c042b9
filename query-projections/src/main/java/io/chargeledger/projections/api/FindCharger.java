package io.chargeledger.projections.api;

/** Answered with an Optional of {@link ChargerSummary}. */
public record FindCharger(String chargePointId) {
}
