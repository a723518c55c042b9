package io.chargeledger.session.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Deletes a tag: it answers Invalid from then on, until it is registered again. */
public record DeleteIdTag(@TargetAggregateIdentifier String idTag) {

    public DeleteIdTag {
        idTag = IdTokens.canonical(idTag);
    }
}
