package io.chargeledger.session.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sets a tag's status to Expired, whatever its expiryDate; expiring twice changes nothing. */
public record ExpireIdTag(@TargetAggregateIdentifier String idTag) {

    public ExpireIdTag {
        idTag = IdTokens.canonical(idTag);
    }
}
