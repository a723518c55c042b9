package io.chargeledger.charger.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Answers the charger's {@link Pricing} in force right now (null when it has none), read from the aggregate so a
 * session starting a moment after a price change gets the new price. Applies no event.
 */
public record DescribeChargerTariff(@TargetAggregateIdentifier String chargePointId) {
}
