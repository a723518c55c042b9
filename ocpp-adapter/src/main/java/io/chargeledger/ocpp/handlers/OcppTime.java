package io.chargeledger.ocpp.handlers;

import io.chargeledger.ocpp.validation.CallErrorCode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** OCPP timestamps are RFC 3339 with an offset (the schema checks the form); they are stored as UTC instants. */
public final class OcppTime {

    private OcppTime() {
    }

    public static Instant parse(String timestamp) {
        try {
            return OffsetDateTime.parse(timestamp.toUpperCase(java.util.Locale.ROOT)).toInstant();
        } catch (DateTimeParseException e) {
            throw new CallRejected(CallErrorCode.PROPERTY_CONSTRAINT_VIOLATION, "Invalid date-time '" + timestamp + "'");
        }
    }
}
