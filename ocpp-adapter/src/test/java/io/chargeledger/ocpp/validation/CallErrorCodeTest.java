package io.chargeledger.ocpp.validation;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class CallErrorCodeTest {

    @Test
    void wireNamesAreExactlyTheTenCodesOfOcppJ16() {
        assertThat(Arrays.stream(CallErrorCode.values()).map(CallErrorCode::wireName)).containsExactlyInAnyOrder(
                "NotImplemented", "NotSupported", "InternalError", "ProtocolError", "SecurityError",
                "FormationViolation", "PropertyConstraintViolation", "OccurenceConstraintViolation",
                "TypeConstraintViolation", "GenericError");
    }

    @Test
    void occurenceIsSpelledAs16SpellsIt() {
        assertThat(CallErrorCode.OCCURENCE_CONSTRAINT_VIOLATION.wireName()).isEqualTo("OccurenceConstraintViolation");
        assertThat(CallErrorCode.OCCURENCE_CONSTRAINT_VIOLATION.toString()).isEqualTo("OccurenceConstraintViolation");
    }

    @Test
    void wireNamesRoundTrip() {
        for (CallErrorCode code : CallErrorCode.values()) {
            assertThat(CallErrorCode.fromWireName(code.wireName())).contains(code);
        }
    }

    @Test
    void parsingAcceptsThe2xSpellingsSomeFirmwaresSendButNothingElse() {
        assertThat(CallErrorCode.fromWireName("OccurrenceConstraintViolation"))
                .contains(CallErrorCode.OCCURENCE_CONSTRAINT_VIOLATION);
        assertThat(CallErrorCode.fromWireName("FormatViolation")).contains(CallErrorCode.FORMATION_VIOLATION);
        assertThat(CallErrorCode.fromWireName("notimplemented")).isEmpty();
        assertThat(CallErrorCode.fromWireName("NOT_IMPLEMENTED")).isEmpty();
        assertThat(CallErrorCode.fromWireName("RpcFrameworkError")).isEmpty();
        assertThat(CallErrorCode.fromWireName(null)).isEmpty();
    }
}
