package io.chargeledger.session.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Replaces every editable field of a tag, like a form save: a null optional field clears it. Lowering
 * maxActiveSessions never ends running sessions; it only refuses new ones.
 */
public record UpdateIdTag(
        String idTag,
        IdTagStatus status,
        Instant expiryDate,
        String parentIdTag,
        Integer maxActiveSessions,
        String owner) {

    public UpdateIdTag {
        idTag = IdTokens.canonical(idTag);
        parentIdTag = IdTokens.canonical(parentIdTag);
    }

    /** Tags live in their own namespace in the event store, apart from charger identities. */
    @TargetAggregateIdentifier
    public String aggregateId() {
        return IdTokens.aggregateId(idTag);
    }
}
