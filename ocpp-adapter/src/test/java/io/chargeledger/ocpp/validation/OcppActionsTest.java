package io.chargeledger.ocpp.validation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static io.chargeledger.ocpp.validation.OcppExamples.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Which actions exist, who may send them, and what happens with an unknown one. */
class OcppActionsTest {

    private static final OcppMessageValidator VALIDATOR = new OcppMessageValidator();

    @Test
    void everyOcpp16ActionIsKnown() {
        OcppExamples.CHARGE_POINT_ACTIONS.forEach(a -> assertThat(VALIDATOR.isKnownAction(a)).as(a).isTrue());
        OcppExamples.CENTRAL_SYSTEM_ACTIONS.forEach(a -> assertThat(VALIDATOR.isKnownAction(a)).as(a).isTrue());
    }

    @Test
    void directionOfEveryAction() {
        for (String action : OcppExamples.CHARGE_POINT_ACTIONS) {
            assertThat(VALIDATOR.isChargePointInitiated(action)).as(action).isTrue();
            assertThat(VALIDATOR.isCentralSystemInitiated(action)).as(action).isEqualTo(action.equals("DataTransfer"));
        }
        for (String action : OcppExamples.CENTRAL_SYSTEM_ACTIONS) {
            assertThat(VALIDATOR.isCentralSystemInitiated(action)).as(action).isTrue();
            assertThat(VALIDATOR.isChargePointInitiated(action)).as(action).isEqualTo(action.equals("DataTransfer"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Foo", "heartbeat", "HEARTBEAT", "bootNotification", " Heartbeat", "Heartbeat ",
            "Heartbeat.req", "HeartbeatResponse", "TransactionEvent", "NotifyReport", "SignCertificate",
            "SecurityEventNotification", "GetInstalledCertificateIds", ""})
    void unknownActionsAreNotKnownAndAnsweredWithNotImplemented(String action) {
        assertThat(VALIDATOR.isKnownAction(action)).isFalse();
        assertThat(VALIDATOR.isChargePointInitiated(action)).isFalse();
        assertThat(VALIDATOR.isCentralSystemInitiated(action)).isFalse();
        Optional<ValidationFailure> request = VALIDATOR.validateRequest(action, json("{}"));
        Optional<ValidationFailure> response = VALIDATOR.validateResponse(action, json("{}"));
        assertThat(request).get().extracting(ValidationFailure::code).isEqualTo(CallErrorCode.NOT_IMPLEMENTED);
        assertThat(response).get().extracting(ValidationFailure::code).isEqualTo(CallErrorCode.NOT_IMPLEMENTED);
        assertThat(request.get().description()).isEqualTo("Unknown OCPP 1.6 action '" + action + "'");
    }

    @Test
    void nullActionIsUnknown() {
        assertThat(VALIDATOR.isKnownAction(null)).isFalse();
        assertThat(VALIDATOR.isChargePointInitiated(null)).isFalse();
        assertThat(VALIDATOR.validateRequest(null, json("{}"))).get()
                .isEqualTo(new ValidationFailure(CallErrorCode.NOT_IMPLEMENTED, "Unknown OCPP 1.6 action null"));
    }

    @Test
    void unknownActionWinsOverABrokenPayload() {
        // NotImplemented is decided on the action alone; the payload of an unknown action is not inspected.
        assertThat(VALIDATOR.validateRequest("Foo", json("[]"))).get()
                .extracting(ValidationFailure::code).isEqualTo(CallErrorCode.NOT_IMPLEMENTED);
    }

    @Test
    void hugeActionNameIsClippedInTheDescription() {
        String action = "A".repeat(5000);
        assertThat(VALIDATOR.validateRequest(action, json("{}"))).get()
                .extracting(f -> f.description().length()).asInstanceOf(
                        org.assertj.core.api.InstanceOfAssertFactories.INTEGER).isLessThan(80);
    }
}
