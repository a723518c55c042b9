package io.chargeledger.session.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A charger's StartTransaction that answers a remote start: starts the session the request created (the start's
 * sessionId is the request's), if it is the start that was asked for.
 */
public record StartRequestedSession(StartSession start) {

    @TargetAggregateIdentifier
    public String sessionId() {
        return start.sessionId();
    }
}
