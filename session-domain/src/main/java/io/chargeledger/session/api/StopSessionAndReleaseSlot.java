package io.chargeledger.session.api;

import org.axonframework.commandhandling.RoutingKey;

/**
 * A charger's StopTransaction in one step: stops the session (as {@link StopSession}) and frees the slot its tag
 * held (as {@link ReleaseSessionSlot}), stored together. A stop that fails releases nothing. Returns the session
 * tag's {@link IdTagInfo} at the stop's receivedAt, Invalid for a tag deleted or never registered.
 */
public record StopSessionAndReleaseSlot(StopSession stop) {

    /** Where the session's own commands (its meter values) go. */
    @RoutingKey
    public String routingKey() {
        return stop.sessionId();
    }
}
