package io.chargeledger.api.chargers;

import io.chargeledger.charger.api.ChargerDetails;
import io.chargeledger.charger.api.Location;
import io.chargeledger.charger.api.Pricing;

/**
 * Body of POST and PUT /api/chargers. authorizationKey is write-only: accepted here, hashed at once, never
 * returned. maximumAmps defaults to ratedAmps and securityProfile to 1 when left out.
 */
public record ChargerRequest(
        String chargePointId,
        String serialNumber,
        String catalogNumber,
        String vendor,
        String model,
        Integer ratedVolts,
        Integer ratedAmps,
        Integer maximumAmps,
        String ipAddress,
        String targetGroup,
        Location location,
        Pricing pricing,
        Integer connectorCount,
        Integer securityProfile,
        String authorizationKey) {

    ChargerDetails details() {
        return new ChargerDetails(serialNumber, catalogNumber, vendor, model, ratedVolts, ratedAmps,
                maximumAmps != null ? maximumAmps : ratedAmps, ipAddress, targetGroup, location, pricing,
                connectorCount);
    }

    Integer securityProfileOrDefault() {
        return securityProfile != null ? securityProfile : io.chargeledger.charger.api.ChargerRules.DEFAULT_SECURITY_PROFILE;
    }
}
