package io.chargeledger.session.api;

import org.axonframework.commandhandling.RoutingKey;

/**
 * A charger's StartTransaction in one step: claims a slot of the tag (as {@link ClaimSessionSlot}) and starts the
 * session with the claim's answer as its authorization (as {@link StartSession}, or {@link StartRequestedSession}
 * when {@code requested}). Both are stored together, or neither is: a start that fails leaves no claim behind.
 * Returns the claim's {@link IdTagInfo}, Invalid for a tag never registered (the session starts unauthorized).
 * The authorization {@code start} carries is not used.
 */
public record ClaimSlotAndStartSession(StartSession start, boolean requested) {

    /** Where the tag's own commands go, so that the tag's state is always at hand. */
    @RoutingKey
    public String routingKey() {
        return IdTokens.aggregateId(start.idTag());
    }
}
