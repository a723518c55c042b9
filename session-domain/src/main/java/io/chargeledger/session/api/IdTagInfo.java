package io.chargeledger.session.api;

import java.time.Instant;

/** OCPP 1.6 IdTagInfo: the answer to an authorization, ready to be sent to the charger as is. */
public record IdTagInfo(AuthorizationStatus status, Instant expiryDate, String parentIdTag) {

    /** What a deleted or unknown tag answers: nothing about it is disclosed. */
    public static IdTagInfo invalid() {
        return new IdTagInfo(AuthorizationStatus.Invalid, null, null);
    }
}
