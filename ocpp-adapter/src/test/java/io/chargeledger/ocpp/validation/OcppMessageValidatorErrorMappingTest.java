package io.chargeledger.ocpp.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static io.chargeledger.ocpp.validation.CallErrorCode.FORMATION_VIOLATION;
import static io.chargeledger.ocpp.validation.CallErrorCode.OCCURENCE_CONSTRAINT_VIOLATION;
import static io.chargeledger.ocpp.validation.CallErrorCode.PROPERTY_CONSTRAINT_VIOLATION;
import static io.chargeledger.ocpp.validation.CallErrorCode.TYPE_CONSTRAINT_VIOLATION;
import static io.chargeledger.ocpp.validation.OcppExamples.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Each class of schema violation maps to the OCPP-J 1.6 CALLERROR code, with a description naming the field. */
class OcppMessageValidatorErrorMappingTest {

    private static final OcppMessageValidator VALIDATOR = new OcppMessageValidator();

    private static ValidationFailure request(String action, String payload) {
        return request(action, json(payload));
    }

    private static ValidationFailure request(String action, JsonNode payload) {
        Optional<ValidationFailure> failure = VALIDATOR.validateRequest(action, payload);
        assertThat(failure).as("%s %s should fail", action, payload).isPresent();
        return failure.get();
    }

    private static ValidationFailure response(String action, String payload) {
        Optional<ValidationFailure> failure = VALIDATOR.validateResponse(action, json(payload));
        assertThat(failure).as("%s response %s should fail", action, payload).isPresent();
        return failure.get();
    }

    private static void assertFailure(ValidationFailure failure, CallErrorCode code, String description) {
        assertThat(failure.code()).as(failure.description()).isEqualTo(code);
        assertThat(failure.description()).isEqualTo(description);
    }

    // ---- FormationViolation ----

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{\"idTag\": \"A\"}]", "\"idTag\"", "42", "true", "null"})
    void payloadThatIsNotAJsonObjectIsAFormationViolation(String payload) {
        ValidationFailure failure = request("Authorize", payload);
        assertThat(failure.code()).isEqualTo(FORMATION_VIOLATION);
        assertThat(failure.description()).startsWith("payload: expected a JSON object, got ");
    }

    @Test
    void arrayPayloadDescriptionSaysArray() {
        assertFailure(request("Heartbeat", "[]"), FORMATION_VIOLATION, "payload: expected a JSON object, got array");
    }

    @Test
    void absentPayloadIsAFormationViolation() {
        assertFailure(request("Heartbeat", (JsonNode) null), FORMATION_VIOLATION,
                "payload: missing, expected a JSON object");
        assertFailure(request("Heartbeat", MissingNode.getInstance()), FORMATION_VIOLATION,
                "payload: missing, expected a JSON object");
        assertFailure(request("Heartbeat", NullNode.getInstance()), FORMATION_VIOLATION,
                "payload: expected a JSON object, got null");
    }

    @Test
    void unknownPropertyIsAFormationViolationNamingIt() {
        assertFailure(request("Heartbeat", "{\"uptime\": 12}"), FORMATION_VIOLATION,
                "uptime: property not defined for this message (additional properties are not allowed)");
    }

    @Test
    void unknownNestedPropertyIsNamedWithItsPath() {
        assertFailure(response("Authorize", "{\"idTagInfo\": {\"status\": \"Accepted\", \"groupId\": \"X\"}}"),
                FORMATION_VIOLATION,
                "idTagInfo.groupId: property not defined for this message (additional properties are not allowed)");
        assertThat(request("MeterValues", """
                {"connectorId": 1, "meterValue": [{"timestamp": "2026-11-25T10:00:00Z",
                  "sampledValue": [{"value": "1"}, {"value": "2", "measurnd": "Voltage"}]}]}""").description())
                .startsWith("meterValue[0].sampledValue[1].measurnd: property not defined");
    }

    @Test
    void misspeltRequiredFieldReportsTheFormationViolationFirst() {
        // both an unknown property and a missing required one: formation is the more fundamental
        ValidationFailure failure = request("BootNotification", """
                {"chargePointVendr": "Alfen BV", "chargePointModel": "NG920"}""");
        assertThat(failure.code()).isEqualTo(FORMATION_VIOLATION);
        assertThat(failure.description()).startsWith("chargePointVendr: property not defined");
    }

    // ---- OccurenceConstraintViolation ----

    @Test
    void missingRequiredFieldIsAnOccurenceConstraintViolation() {
        assertFailure(request("StatusNotification", "{\"errorCode\": \"NoError\", \"status\": \"Available\"}"),
                OCCURENCE_CONSTRAINT_VIOLATION, "connectorId: required property missing");
        assertFailure(request("Authorize", "{}"), OCCURENCE_CONSTRAINT_VIOLATION, "idTag: required property missing");
        assertFailure(response("Heartbeat", "{}"), OCCURENCE_CONSTRAINT_VIOLATION,
                "currentTime: required property missing");
    }

    @Test
    void missingNestedRequiredFieldIsNamedWithItsPath() {
        assertFailure(response("StartTransaction", "{\"idTagInfo\": {}, \"transactionId\": 5}"),
                OCCURENCE_CONSTRAINT_VIOLATION, "idTagInfo.status: required property missing");
        assertFailure(request("MeterValues", """
                {"connectorId": 1, "meterValue": [{"timestamp": "2026-11-25T10:00:00Z",
                  "sampledValue": [{"value": "1"}, {"unit": "Wh"}]}]}"""),
                OCCURENCE_CONSTRAINT_VIOLATION, "meterValue[0].sampledValue[1].value: required property missing");
        assertFailure(request("SetChargingProfile", """
                {"connectorId": 1, "csChargingProfiles": {"chargingProfileId": 1, "stackLevel": 0,
                  "chargingProfilePurpose": "TxDefaultProfile", "chargingProfileKind": "Absolute",
                  "chargingSchedule": {"chargingRateUnit": "A", "chargingSchedulePeriod": [{"startPeriod": 0}]}}}"""),
                OCCURENCE_CONSTRAINT_VIOLATION,
                "csChargingProfiles.chargingSchedule.chargingSchedulePeriod[0].limit: required property missing");
    }

    @Test
    void missingFieldIsReportedBeforeWrongTypesAndValues() {
        ValidationFailure failure = request("StartTransaction", """
                {"connectorId": "1", "idTag": "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "timestamp": "2026-11-25T10:00:00Z"}""");
        assertFailure(failure, OCCURENCE_CONSTRAINT_VIOLATION, "meterStart: required property missing");
    }

    // ---- TypeConstraintViolation ----

    @Test
    void stringWhereIntegerExpectedIsATypeConstraintViolation() {
        assertFailure(request("UnlockConnector", "{\"connectorId\": \"1\"}"), TYPE_CONSTRAINT_VIOLATION,
                "connectorId: expected integer, got string");
    }

    @Test
    void fractionalNumberWhereIntegerExpectedIsATypeConstraintViolation() {
        assertFailure(request("UnlockConnector", "{\"connectorId\": 1.5}"), TYPE_CONSTRAINT_VIOLATION,
                "connectorId: expected integer, got number 1.5");
        // draft-04: an integer is a JSON number without fraction part, so 1.0 is not one either
        assertFailure(request("UnlockConnector", "{\"connectorId\": 1.0}"), TYPE_CONSTRAINT_VIOLATION,
                "connectorId: expected integer, got number 1.0");
    }

    @Test
    void otherWrongTypesAreTypeConstraintViolations() {
        assertFailure(request("Authorize", "{\"idTag\": 12345}"), TYPE_CONSTRAINT_VIOLATION,
                "idTag: expected string, got number 12345");
        assertFailure(request("Authorize", "{\"idTag\": null}"), TYPE_CONSTRAINT_VIOLATION,
                "idTag: expected string, got null");
        assertFailure(request("UnlockConnector", "{\"connectorId\": true}"), TYPE_CONSTRAINT_VIOLATION,
                "connectorId: expected integer, got boolean");
        assertFailure(request("MeterValues", "{\"connectorId\": 1, \"meterValue\": {\"timestamp\": \"x\"}}"),
                TYPE_CONSTRAINT_VIOLATION, "meterValue: expected array, got object");
        assertFailure(response("Authorize", "{\"idTagInfo\": \"Accepted\"}"), TYPE_CONSTRAINT_VIOLATION,
                "idTagInfo: expected object, got string");
        assertFailure(response("GetConfiguration", "{\"configurationKey\": [{\"key\": \"K\", \"readonly\": \"true\"}]}"),
                TYPE_CONSTRAINT_VIOLATION, "configurationKey[0].readonly: expected boolean, got string");
        assertFailure(request("SetChargingProfile", """
                {"connectorId": 1, "csChargingProfiles": {"chargingProfileId": 1, "stackLevel": 0,
                  "chargingProfilePurpose": "TxDefaultProfile", "chargingProfileKind": "Absolute",
                  "chargingSchedule": {"chargingRateUnit": "A",
                                       "chargingSchedulePeriod": [{"startPeriod": 0, "limit": "16"}]}}}"""),
                TYPE_CONSTRAINT_VIOLATION,
                "csChargingProfiles.chargingSchedule.chargingSchedulePeriod[0].limit: expected number, got string");
    }

    @Test
    void enumFieldWithAWrongTypeIsATypeNotAPropertyViolation() {
        assertFailure(request("Reset", "{\"type\": 1}"), TYPE_CONSTRAINT_VIOLATION, "type: expected string, got number 1");
    }

    @Test
    void wrongTypeIsReportedBeforeWrongValues() {
        ValidationFailure failure = request("StatusNotification", """
                {"connectorId": 1, "errorCode": "Broken", "status": "Available", "info": 7}""");
        assertFailure(failure, TYPE_CONSTRAINT_VIOLATION, "info: expected string, got number 7");
    }

    // ---- PropertyConstraintViolation ----

    @Test
    void exceedingMaxLengthIsAPropertyConstraintViolation() {
        assertFailure(request("BootNotification", """
                {"chargePointVendor": "ABCDEFGHIJKLMNOPQRSTU", "chargePointModel": "M"}"""),
                PROPERTY_CONSTRAINT_VIOLATION, "chargePointVendor: exceeds maxLength 20");
        assertFailure(request("Authorize", "{\"idTag\": \"012345678901234567890\"}"),
                PROPERTY_CONSTRAINT_VIOLATION, "idTag: exceeds maxLength 20");
        assertFailure(request("ChangeConfiguration", "{\"key\": \"K\", \"value\": \"" + "x".repeat(501) + "\"}"),
                PROPERTY_CONSTRAINT_VIOLATION, "value: exceeds maxLength 500");
    }

    @Test
    void valueOutsideTheEnumIsAPropertyConstraintViolation() {
        assertFailure(request("StatusNotification", """
                {"connectorId": 1, "errorCode": "NoError", "status": "Occupied"}"""),
                PROPERTY_CONSTRAINT_VIOLATION,
                "status: value 'Occupied' is not allowed, expected one of [Available, Preparing, Charging, "
                        + "SuspendedEVSE, SuspendedEV, Finishing, Reserved, Unavailable, Faulted]");
        assertFailure(response("BootNotification", """
                {"status": "Registered", "currentTime": "2026-11-25T10:00:00Z", "interval": 300}"""),
                PROPERTY_CONSTRAINT_VIOLATION,
                "status: value 'Registered' is not allowed, expected one of [Accepted, Pending, Rejected]");
        assertThat(request("MeterValues", """
                {"connectorId": 1, "meterValue": [{"timestamp": "2026-11-25T10:00:00Z",
                  "sampledValue": [{"value": "1", "measurand": "Energy.Active.Import"}]}]}""").description())
                .startsWith("meterValue[0].sampledValue[0].measurand: value 'Energy.Active.Import' is not allowed, "
                        + "expected one of [Energy.Active.Export.Register, ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"accepted", "ACCEPTED", "Accepted ", " Accepted"})
    void enumsAreCaseSensitive(String status) {
        ValidationFailure failure = response("BootNotification", """
                {"status": "%s", "currentTime": "2026-11-25T10:00:00Z", "interval": 300}""".formatted(status));
        assertThat(failure.code()).isEqualTo(PROPERTY_CONSTRAINT_VIOLATION);
        assertThat(failure.description()).startsWith("status: value '" + status + "' is not allowed");
    }

    @Test
    void sampledValueEnumsAreCaseSensitive() {
        String[][] wrong = {{"measurand", "energy.active.import.register"}, {"unit", "kwh"}, {"unit", "KWh"},
                {"phase", "l1"}, {"location", "outlet"}, {"context", "sample.periodic"}, {"format", "raw"}};
        for (String[] field : wrong) {
            ObjectNode payload = (ObjectNode) json("""
                    {"connectorId": 1, "meterValue": [{"timestamp": "2026-11-25T10:00:00Z",
                                                        "sampledValue": [{"value": "1"}]}]}""");
            ((ObjectNode) payload.at("/meterValue/0/sampledValue/0")).put(field[0], field[1]);
            ValidationFailure failure = request("MeterValues", payload);
            assertThat(failure.code()).as(field[1]).isEqualTo(PROPERTY_CONSTRAINT_VIOLATION);
            assertThat(failure.description()).startsWith("meterValue[0].sampledValue[0]." + field[0] + ": value '");
        }
    }

    @Test
    void limitWithMoreThanOneDecimalIsAPropertyConstraintViolation() {
        assertFailure(request("SetChargingProfile", """
                {"connectorId": 1, "csChargingProfiles": {"chargingProfileId": 1, "stackLevel": 0,
                  "chargingProfilePurpose": "TxDefaultProfile", "chargingProfileKind": "Absolute",
                  "chargingSchedule": {"chargingRateUnit": "A",
                                       "chargingSchedulePeriod": [{"startPeriod": 0, "limit": 6.55}]}}}"""),
                PROPERTY_CONSTRAINT_VIOLATION,
                "csChargingProfiles.chargingSchedule.chargingSchedulePeriod[0].limit: 6.55 is not a multiple of 0.1");
    }

    @Test
    void invalidDateTimeIsAPropertyConstraintViolation() {
        assertFailure(request("StartTransaction", """
                {"connectorId": 1, "idTag": "A", "meterStart": 0, "timestamp": "yesterday"}"""),
                PROPERTY_CONSTRAINT_VIOLATION,
                "timestamp: 'yesterday' is not a valid RFC 3339 date-time (e.g. 2026-11-25T10:00:00Z)");
    }

    // ---- descriptions are safe to send back ----

    @Test
    void descriptionsStayShortAndPrintableWhateverTheChargerSends() {
        String huge = "x".repeat(10_000);
        ValidationFailure unknownProperty = request("Heartbeat", "{\"" + huge + "\": 1}");
        ValidationFailure enumValue = request("Reset", "{\"type\": \"" + huge + "\"}");
        ValidationFailure controlChars = request("Reset", "{\"type\": \"Hard\\n\\u0000Soft\"}");
        ValidationFailure longEnumList = request("MeterValues", """
                {"connectorId": 1, "meterValue": [{"timestamp": "2026-11-25T10:00:00Z",
                  "sampledValue": [{"value": "1", "measurand": "%s"}]}]}""".formatted(huge));
        for (ValidationFailure failure : new ValidationFailure[] {unknownProperty, enumValue, controlChars, longEnumList}) {
            assertThat(failure.description().length()).isLessThanOrEqualTo(ValidationFailure.MAX_DESCRIPTION_LENGTH);
            assertThat(failure.description().chars().noneMatch(Character::isISOControl)).isTrue();
        }
        assertThat(enumValue.description()).startsWith("type: value 'xxxxxxxxxx").contains("...");
        assertThat(longEnumList.description()).hasSize(ValidationFailure.MAX_DESCRIPTION_LENGTH).endsWith("...");
    }

    @Test
    void failureRecordRejectsNullCodeAndClipsLongDescriptions() {
        assertThat(new ValidationFailure(CallErrorCode.GENERIC_ERROR, "y".repeat(300)).description())
                .hasSize(255).endsWith("...");
        assertThat(new ValidationFailure(CallErrorCode.GENERIC_ERROR, null).description()).isEmpty();
        org.assertj.core.api.Assertions.assertThatNullPointerException()
                .isThrownBy(() -> new ValidationFailure(null, "x"));
    }

    @Test
    void keywordMappingFollowsOcppJSection423() {
        assertThat(OcppMessageValidator.codeFor("additionalProperties")).isEqualTo(FORMATION_VIOLATION);
        assertThat(OcppMessageValidator.codeFor("required")).isEqualTo(OCCURENCE_CONSTRAINT_VIOLATION);
        assertThat(OcppMessageValidator.codeFor("minItems")).isEqualTo(OCCURENCE_CONSTRAINT_VIOLATION);
        assertThat(OcppMessageValidator.codeFor("type")).isEqualTo(TYPE_CONSTRAINT_VIOLATION);
        for (String keyword : new String[] {"enum", "maxLength", "minLength", "format", "multipleOf", "minimum",
                "maximum", "pattern"}) {
            assertThat(OcppMessageValidator.codeFor(keyword)).as(keyword).isEqualTo(PROPERTY_CONSTRAINT_VIOLATION);
        }
    }
}
