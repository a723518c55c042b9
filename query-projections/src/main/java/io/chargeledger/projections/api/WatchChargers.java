package io.chargeledger.projections.api;

/**
 * Subscription query for live charger updates. The initial result is just {@code true}; the updates are
 * {@link LiveUpdate}s of type {@code charger} (a {@link ChargerSummary}) and {@code connector} (a
 * {@link LiveConnector}), emitted after the charger read model was updated.
 */
public record WatchChargers() {
}
