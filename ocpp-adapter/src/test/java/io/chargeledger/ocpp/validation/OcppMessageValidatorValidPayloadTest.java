package io.chargeledger.ocpp.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static io.chargeledger.ocpp.validation.OcppExamples.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Valid payloads pass: a realistic request and response for every action, and what chargers typically send. */
class OcppMessageValidatorValidPayloadTest {

    private static final OcppMessageValidator VALIDATOR = new OcppMessageValidator();

    static Stream<String> actions() {
        Set<String> all = new TreeSet<>(OcppExamples.CHARGE_POINT_ACTIONS);
        all.addAll(OcppExamples.CENTRAL_SYSTEM_ACTIONS);
        return all.stream();
    }

    @Test
    void examplesCoverEveryActionInBothDirections() {
        assertThat(actions()).hasSize(28);
        assertThat(OcppExamples.REQUESTS.keySet()).containsExactlyInAnyOrderElementsOf(actions().toList());
        assertThat(OcppExamples.RESPONSES.keySet()).containsExactlyInAnyOrderElementsOf(actions().toList());
    }

    @ParameterizedTest(name = "{0}.req")
    @MethodSource("actions")
    void validRequestOfEveryActionPasses(String action) {
        assertThat(VALIDATOR.validateRequest(action, json(OcppExamples.REQUESTS.get(action)))).isEmpty();
    }

    @ParameterizedTest(name = "{0}.conf")
    @MethodSource("actions")
    void validResponseOfEveryActionPasses(String action) {
        assertThat(VALIDATOR.validateResponse(action, json(OcppExamples.RESPONSES.get(action)))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("actions")
    void requestAndResponseSchemasAreNotMixedUp(String action) {
        String request = OcppExamples.REQUESTS.get(action);
        String response = OcppExamples.RESPONSES.get(action);
        if (!request.equals("{}")) {
            assertThat(VALIDATOR.validateResponse(action, json(request))).as("request validated as response").isPresent();
        }
        if (!response.equals("{}")) {
            assertThat(VALIDATOR.validateRequest(action, json(response))).as("response validated as request").isPresent();
        }
    }

    @Test
    void bootNotificationWithAllOptionalFieldsPasses() {
        assertThat(VALIDATOR.validateRequest("BootNotification", json(OcppExamples.BOOT_NOTIFICATION_FULL))).isEmpty();
    }

    @Test
    void bootNotificationWithOnlyRequiredFieldsAndMaximalLengthsPasses() {
        assertThat(VALIDATOR.validateRequest("BootNotification", json("""
                {"chargePointVendor": "ABCDEFGHIJKLMNOPQRST", "chargePointModel": "M"}"""))).isEmpty();
    }

    @Test
    void meterValuesWithSeveralSampledValuesPasses() {
        assertThat(VALIDATOR.validateRequest("MeterValues", json(OcppExamples.METER_VALUES_THREE_PHASE))).isEmpty();
    }

    @Test
    void meterValuesWithOnlyValueInSampledValuePasses() {
        assertThat(VALIDATOR.validateRequest("MeterValues", json("""
                {"connectorId": 0, "meterValue": [{"timestamp": "2026-11-25T10:00:00Z",
                                                    "sampledValue": [{"value": "123456"}]}]}"""))).isEmpty();
    }

    @Test
    void stopTransactionWithTransactionDataPasses() {
        assertThat(VALIDATOR.validateRequest("StopTransaction", json(OcppExamples.STOP_TRANSACTION_WITH_DATA))).isEmpty();
    }

    @Test
    void stopTransactionAcceptsBothCelsiusSpellingsInTransactionData() {
        for (String unit : new String[] {"Celsius", "Celcius"}) {
            assertThat(VALIDATOR.validateRequest("StopTransaction", json("""
                    {"meterStop": 100, "timestamp": "2026-11-25T11:00:00Z", "transactionId": 1,
                     "transactionData": [{"timestamp": "2026-11-25T11:00:00Z",
                       "sampledValue": [{"value": "40", "measurand": "Temperature", "unit": "%s"}]}]}"""
                    .formatted(unit)))).as(unit).isEmpty();
        }
    }

    @Test
    void stopTransactionWithoutOptionalFieldsPasses() {
        assertThat(VALIDATOR.validateRequest("StopTransaction", json("""
                {"meterStop": 0, "timestamp": "2026-11-25T11:00:00Z", "transactionId": 1}"""))).isEmpty();
    }

    @Test
    void everyMeasurandUnitPhaseLocationContextAndFormatIsAccepted() {
        String[][] values = {
                {"measurand", "Current.Export", "Current.Import", "Current.Offered", "Energy.Active.Export.Register",
                        "Energy.Active.Import.Register", "Energy.Reactive.Export.Register",
                        "Energy.Reactive.Import.Register", "Energy.Active.Export.Interval",
                        "Energy.Active.Import.Interval", "Energy.Reactive.Export.Interval",
                        "Energy.Reactive.Import.Interval", "Frequency", "Power.Active.Export", "Power.Active.Import",
                        "Power.Factor", "Power.Offered", "Power.Reactive.Export", "Power.Reactive.Import", "RPM",
                        "SoC", "Temperature", "Voltage"},
                {"unit", "Wh", "kWh", "varh", "kvarh", "W", "kW", "VA", "kVA", "var", "kvar", "A", "V", "K",
                        "Celcius", "Celsius", "Fahrenheit", "Percent"},
                {"phase", "L1", "L2", "L3", "N", "L1-N", "L2-N", "L3-N", "L1-L2", "L2-L3", "L3-L1"},
                {"location", "Cable", "EV", "Inlet", "Outlet", "Body"},
                {"context", "Interruption.Begin", "Interruption.End", "Sample.Clock", "Sample.Periodic",
                        "Transaction.Begin", "Transaction.End", "Trigger", "Other"},
                {"format", "Raw", "SignedData"}};
        for (String[] field : values) {
            for (int i = 1; i < field.length; i++) {
                ObjectNode payload = (ObjectNode) json("""
                        {"connectorId": 1, "meterValue": [{"timestamp": "2026-11-25T10:00:00Z",
                                                            "sampledValue": [{"value": "1"}]}]}""");
                ((ObjectNode) payload.at("/meterValue/0/sampledValue/0")).put(field[0], field[i]);
                assertThat(VALIDATOR.validateRequest("MeterValues", payload)).as(field[0] + "=" + field[i]).isEmpty();
            }
        }
    }

    @Test
    void everyStatusNotificationErrorCodeAndStatusIsAccepted() {
        String[] errorCodes = {"ConnectorLockFailure", "EVCommunicationError", "GroundFailure", "HighTemperature",
                "InternalError", "LocalListConflict", "NoError", "OtherError", "OverCurrentFailure",
                "PowerMeterFailure", "PowerSwitchFailure", "ReaderFailure", "ResetFailure", "UnderVoltage",
                "OverVoltage", "WeakSignal"};
        String[] statuses = {"Available", "Preparing", "Charging", "SuspendedEVSE", "SuspendedEV", "Finishing",
                "Reserved", "Unavailable", "Faulted"};
        for (String errorCode : errorCodes) {
            for (String status : statuses) {
                assertThat(VALIDATOR.validateRequest("StatusNotification", json("""
                        {"connectorId": 0, "errorCode": "%s", "status": "%s"}""".formatted(errorCode, status))))
                        .as(errorCode + "/" + status).isEmpty();
            }
        }
    }

    @Test
    void negativeAndZeroIntegersAndLargeRegistersPassTheSchema() {
        // The schemas do not bound integers; meter registers beyond 2^31 Wh are schema-valid.
        assertThat(VALIDATOR.validateRequest("StartTransaction", json("""
                {"connectorId": 1, "idTag": "A", "meterStart": 3000000000, "timestamp": "2026-11-25T10:00:00Z"}""")))
                .isEmpty();
        assertThat(VALIDATOR.validateRequest("ChangeAvailability", json("""
                {"connectorId": 0, "type": "Operative"}"""))).isEmpty();
    }
}
