package io.chargeledger.projections.api;

public record ConnectedCharger(String chargePointId, String connectionId) {
}
