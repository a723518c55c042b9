package io.chargeledger.projections.api;

import io.chargeledger.charger.api.Location;
import io.chargeledger.charger.api.Pricing;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A charger as the read model knows it. The authorization key is deliberately absent. */
public record ChargerSummary(
        String chargePointId,
        String serialNumber,
        String catalogNumber,
        String vendor,
        String model,
        Integer ratedVolts,
        Integer ratedAmps,
        Integer maximumAmps,
        BigDecimal powerKW,
        String ipAddress,
        String targetGroup,
        Location location,
        Pricing pricing,
        Integer connectorCount,
        int securityProfile,
        boolean decommissioned,
        boolean connected,
        Instant connectedSince,
        Instant lastSeen,
        Instant registeredAt,
        String registrationStatus,
        boolean pendingApproval,
        String nodeId,
        String remoteAddress,
        BootSummary boot,
        String firmwareStatus,
        String diagnosticsStatus,
        List<ConnectorSummary> connectors,
        long version) {
}
