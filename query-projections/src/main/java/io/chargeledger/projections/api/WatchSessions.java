package io.chargeledger.projections.api;

/**
 * Subscription query for live session updates. The initial result is just {@code true}; the updates are
 * {@link LiveUpdate}s of type {@code session} (a {@link SessionSummary}), emitted after the session read model was
 * updated.
 */
public record WatchSessions() {
}
