package io.chargeledger.charger.api;

import java.time.Instant;

public record ChargerSeen(String chargePointId, Instant lastSeen) {
}
