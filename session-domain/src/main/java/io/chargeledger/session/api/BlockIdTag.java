package io.chargeledger.session.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Blocks a tag (lost or stolen card); blocking a blocked tag changes nothing. */
public record BlockIdTag(@TargetAggregateIdentifier String idTag) {

    public BlockIdTag {
        idTag = IdTokens.canonical(idTag);
    }
}
