package io.chargeledger.projections.api;

/** Answered with a list of {@link ConnectedCharger}: the chargers the read model shows online at that node. */
public record FindChargersConnectedToNode(String nodeId) {
}
