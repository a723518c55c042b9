package io.chargeledger.charger.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DecommissionCharger(@TargetAggregateIdentifier String chargePointId, String reason) {
}
