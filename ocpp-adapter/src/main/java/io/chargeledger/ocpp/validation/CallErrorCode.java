package io.chargeledger.ocpp.validation;

import java.util.Optional;

/**
 * The CALLERROR error codes of OCPP-J 1.6 (section 4.2.3), exactly as they appear on the wire.
 *
 * <p>Note 1.6's spelling {@code OccurenceConstraintViolation} (one 'r'); OCPP 2.x renamed it.
 */
public enum CallErrorCode {

    /** Requested Action is not known by receiver. */
    NOT_IMPLEMENTED("NotImplemented"),
    /** Requested Action is recognized but not supported by the receiver. */
    NOT_SUPPORTED("NotSupported"),
    /** An internal error occurred and the receiver was not able to process the requested Action successfully. */
    INTERNAL_ERROR("InternalError"),
    /** Payload for Action is incomplete. */
    PROTOCOL_ERROR("ProtocolError"),
    /** During the processing of Action a security issue occurred preventing receiver from completing the Action successfully. */
    SECURITY_ERROR("SecurityError"),
    /** Payload for Action is syntactically incorrect or not conform the PDU structure for Action. */
    FORMATION_VIOLATION("FormationViolation"),
    /** Payload is syntactically correct but at least one field contains an invalid value. */
    PROPERTY_CONSTRAINT_VIOLATION("PropertyConstraintViolation"),
    /** Payload for Action is syntactically correct but at least one of the fields violates occurence constraints. */
    OCCURENCE_CONSTRAINT_VIOLATION("OccurenceConstraintViolation"),
    /** Payload for Action is syntactically correct but at least one of the fields violates data type constraints. */
    TYPE_CONSTRAINT_VIOLATION("TypeConstraintViolation"),
    /** Any other error not covered by the previous ones. */
    GENERIC_ERROR("GenericError");

    private final String wireName;

    CallErrorCode(String wireName) {
        this.wireName = wireName;
    }

    /** The code as written in the CALLERROR frame, e.g. {@code "OccurenceConstraintViolation"}. */
    public String wireName() {
        return wireName;
    }

    /**
     * Parses an error code received from a charge point. Accepts the exact OCPP 1.6 names and, leniently,
     * the two OCPP 2.x spellings some 1.6 firmwares send ({@code OccurrenceConstraintViolation},
     * {@code FormatViolation}). Case-sensitive, like everything else in OCPP-J.
     */
    public static Optional<CallErrorCode> fromWireName(String wireName) {
        if (wireName == null) {
            return Optional.empty();
        }
        for (CallErrorCode code : values()) {
            if (code.wireName.equals(wireName)) {
                return Optional.of(code);
            }
        }
        return switch (wireName) {
            case "OccurrenceConstraintViolation" -> Optional.of(OCCURENCE_CONSTRAINT_VIOLATION);
            case "FormatViolation" -> Optional.of(FORMATION_VIOLATION);
            default -> Optional.empty();
        };
    }

    @Override
    public String toString() {
        return wireName;
    }
}
