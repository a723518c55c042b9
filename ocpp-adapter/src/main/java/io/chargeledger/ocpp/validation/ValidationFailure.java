package io.chargeledger.ocpp.validation;

import java.util.Objects;

/**
 * Why a payload was rejected: the CALLERROR code to answer with and a description naming the offending field
 * (e.g. {@code "chargePointVendor: exceeds maxLength 20"}), at most {@value #MAX_DESCRIPTION_LENGTH} characters.
 */
public record ValidationFailure(CallErrorCode code, String description) {

    /** Upper bound of {@link #description()}, so that it fits a CALLERROR's errorDescription comfortably. */
    public static final int MAX_DESCRIPTION_LENGTH = 255;

    public ValidationFailure {
        Objects.requireNonNull(code, "code");
        description = description == null ? "" : description;
        if (description.length() > MAX_DESCRIPTION_LENGTH) {
            int cut = MAX_DESCRIPTION_LENGTH - 3;
            if (Character.isHighSurrogate(description.charAt(cut - 1))) {
                cut--;
            }
            description = description.substring(0, cut) + "...";
        }
    }
}
