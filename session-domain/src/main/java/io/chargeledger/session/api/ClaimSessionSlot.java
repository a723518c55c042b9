package io.chargeledger.session.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Authorizes the tag for one session and, if Accepted, counts that session against maxActiveSessions. Returns {@link IdTagInfo}. */
public record ClaimSessionSlot(String idTag, String sessionId, Instant at) {

    public ClaimSessionSlot {
        idTag = IdTokens.canonical(idTag);
    }

    /** Tags live in their own namespace in the event store, apart from charger identities. */
    @TargetAggregateIdentifier
    public String aggregateId() {
        return IdTokens.aggregateId(idTag);
    }
}
