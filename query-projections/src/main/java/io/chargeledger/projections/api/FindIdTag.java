package io.chargeledger.projections.api;

import io.chargeledger.session.api.IdTokens;

/** Answered with an Optional of {@link IdTagSummary}, deleted tags included; idTag is matched ignoring case. */
public record FindIdTag(String idTag) {

    public FindIdTag {
        idTag = IdTokens.canonical(idTag);
    }
}
