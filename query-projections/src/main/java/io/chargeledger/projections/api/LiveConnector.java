package io.chargeledger.projections.api;

/** A connector's new state, with the charger it belongs to. */
public record LiveConnector(String chargePointId, ConnectorSummary connector) {
}
