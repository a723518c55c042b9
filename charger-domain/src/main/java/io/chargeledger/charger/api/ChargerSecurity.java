package io.chargeledger.charger.api;

/** What the OCPP handshake needs to admit or refuse a charger, read from the aggregate itself. */
public record ChargerSecurity(
        String chargePointId,
        boolean decommissioned,
        int securityProfile,
        String authorizationKeyHash,
        RegistrationStatus registrationStatus) {
}
