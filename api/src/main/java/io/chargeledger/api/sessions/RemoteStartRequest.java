package io.chargeledger.api.sessions;

/** Body of POST /api/sessions. connectorId may be left out to let the charger choose. */
public record RemoteStartRequest(String chargePointId, Integer connectorId, String idTag) {
}
