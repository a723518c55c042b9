package io.chargeledger.session.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Stops an open session whose connector started another one (supersededBy, the new session's id): the charger
 * will never send this session's StopTransaction. at should be the new StartTransaction's charger timestamp, the
 * best estimate of when this session ended.
 */
public record CloseSupersededSession(@TargetAggregateIdentifier String sessionId, Instant at, String supersededBy) {

    public static final String REASON = "Superseded";
}
