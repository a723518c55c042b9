package io.chargeledger.session.api;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A charger's StartTransaction that no remote start asked for: creates the session, under an id not used before.
 * (The start of a remotely requested session is {@link StartRequestedSession}.)
 * authorization is the caller's decision (normally the answer of {@link ClaimSessionSlot}; a charger's start sends
 * both as one {@link ClaimSlotAndStartSession}); a start that was not Accepted is still recorded, because the
 * charger may already be delivering energy. tariff may be null (free).
 */
public record StartSession(
        @TargetAggregateIdentifier String sessionId,
        int transactionId,
        String chargePointId,
        int connectorId,
        String idTag,
        long meterStartWh,
        Instant chargerTimestamp,
        Instant receivedAt,
        Tariff tariff,
        IdTagInfo authorization,
        Integer reservationId) {

    /** This start, decided: the answer of its tag's {@link ClaimSessionSlot}. */
    public StartSession authorizedAs(IdTagInfo decision) {
        return new StartSession(sessionId, transactionId, chargePointId, connectorId, idTag, meterStartWh,
                chargerTimestamp, receivedAt, tariff, decision, reservationId);
    }
}
