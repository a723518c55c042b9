package io.chargeledger.charger.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Answers {@link ChargerSecurity} from the aggregate (consistent, unlike a read model that may lag a fresh
 * registration). Applies no event.
 */
public record DescribeChargerSecurity(@TargetAggregateIdentifier String chargePointId) {
}
