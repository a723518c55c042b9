package io.chargeledger.session.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Makes a blocked tag Accepted again; a tag that is not blocked is left as it is. */
public record UnblockIdTag(@TargetAggregateIdentifier String idTag) {

    public UnblockIdTag {
        idTag = IdTokens.canonical(idTag);
    }
}
