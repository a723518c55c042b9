package io.chargeledger.charger.api;

public record ChargerConnected(
        String chargePointId,
        String connectionId,
        String nodeId,
        String remoteAddress,
        String subprotocol,
        int securityProfile) {
}
