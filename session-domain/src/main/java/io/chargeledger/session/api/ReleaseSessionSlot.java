package io.chargeledger.session.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The session no longer holds a slot of its tag. Answers the tag's {@link IdTagInfo} at {@code at}: a
 * StopTransaction.conf carries it for the tag that stopped the session, mostly the one that started it, so one
 * command both frees the slot and decides the answer.
 */
public record ReleaseSessionSlot(String idTag, String sessionId, Instant at) {

    public ReleaseSessionSlot {
        idTag = IdTokens.canonical(idTag);
    }

    /** Tags live in their own namespace in the event store, apart from charger identities. */
    @TargetAggregateIdentifier
    public String aggregateId() {
        return IdTokens.aggregateId(idTag);
    }
}
