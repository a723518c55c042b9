package io.chargeledger.ocpp.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The schema files themselves: complete, well-formed draft-04, compiled, and faithful to OCPP 1.6. */
class OcppSchemaFilesTest {

    static Stream<String> schemaFiles() {
        Set<String> actions = new TreeSet<>(OcppExamples.CHARGE_POINT_ACTIONS);
        actions.addAll(OcppExamples.CENTRAL_SYSTEM_ACTIONS);
        return actions.stream().flatMap(a -> Stream.of(a + ".json", a + "Response.json"));
    }

    static JsonNode schema(String file) {
        try (InputStream in = OcppSchemaFilesTest.class.getClassLoader()
                .getResourceAsStream(OcppMessageValidator.SCHEMA_FOLDER + file)) {
            assertThat(in).as("classpath resource ocpp16/%s", file).isNotNull();
            return OcppExamples.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new AssertionError("cannot parse " + file, e);
        }
    }

    @Test
    void folderHoldsExactlyTheFiftySixSchemasOfTheTwentyEightActions() throws URISyntaxException {
        URL folder = getClass().getClassLoader().getResource(OcppMessageValidator.SCHEMA_FOLDER);
        assertThat(folder).isNotNull();
        String[] names = new File(folder.toURI()).list();
        assertThat(names).isNotNull();
        assertThat(new TreeSet<>(List.of(names))).containsExactlyElementsOf(new TreeSet<>(schemaFiles().toList()));
        assertThat(names).hasSize(56);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemaFiles")
    void everySchemaIsDraft04WithOfficialIdTitleAndClosedObjects(String file) {
        JsonNode root = schema(file);
        String title = file.endsWith("Response.json")
                ? file.replace(".json", "")
                : file.replace(".json", "Request");
        assertThat(root.path("$schema").asText()).isEqualTo("http://json-schema.org/draft-04/schema#");
        assertThat(root.path("id").asText()).isEqualTo("urn:OCPP:1.6:2019:12:" + title);
        assertThat(root.path("title").asText()).isEqualTo(title);
        assertThat(root.path("type").asText()).isEqualTo("object");

        List<String> problems = new ArrayList<>();
        checkNode(root, "", problems);
        assertThat(problems).as(file).isEmpty();
    }

    /** Every object is closed, every required field is defined, every leaf has a known type and format. */
    private static void checkNode(JsonNode node, String where, List<String> problems) {
        String type = node.path("type").asText();
        switch (type) {
            case "object" -> {
                if (!node.path("additionalProperties").isBoolean() || node.path("additionalProperties").asBoolean()) {
                    problems.add(where + ": object without \"additionalProperties\": false");
                }
                JsonNode properties = node.path("properties");
                if (!properties.isObject()) {
                    problems.add(where + ": object without properties");
                }
                for (JsonNode required : node.path("required")) {
                    if (!properties.has(required.asText())) {
                        problems.add(where + ": required '" + required.asText() + "' is not a property");
                    }
                }
                for (Map.Entry<String, JsonNode> p : properties.properties()) {
                    checkNode(p.getValue(), where + "/" + p.getKey(), problems);
                }
            }
            case "array" -> checkNode(node.path("items"), where + "[]", problems);
            case "string" -> {
                if (node.has("format") && !Set.of("date-time", "uri").contains(node.path("format").asText())) {
                    problems.add(where + ": unexpected format " + node.path("format"));
                }
                if (node.has("enum") && node.has("maxLength")) {
                    problems.add(where + ": enum with maxLength");
                }
            }
            case "integer", "boolean" -> { }
            case "number" -> {
                if (node.path("multipleOf").asDouble() != 0.1) {
                    problems.add(where + ": number without multipleOf 0.1");
                }
            }
            default -> problems.add(where + ": unexpected type '" + type + "'");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemaFiles")
    void everySchemaCompilesWithNetworkntDraft04(String file) {
        Schema compiled = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(schema(file));
        compiled.initializeValidators();
        assertThat(compiled.getValidators()).isNotEmpty();
    }

    @Test
    void validatorLoadsAllSchemasAtConstruction() {
        long start = System.nanoTime();
        OcppMessageValidator validator = new OcppMessageValidator();
        System.out.printf("OcppMessageValidator: 56 schemas loaded and compiled in %d ms%n",
                (System.nanoTime() - start) / 1_000_000);
        schemaFiles().map(f -> f.replace("Response.json", "").replace(".json", ""))
                .forEach(action -> assertThat(validator.isKnownAction(action)).as(action).isTrue());
    }

    @Test
    void missingSchemaFailsConstructionLoudly() {
        ClassLoader empty = new ClassLoader(null) { };
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new OcppMessageValidator(empty))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ocpp16/");
    }

    // ---- the details of OCPP 1.6 that are easy to get wrong ----

    private static List<String> enumOf(String file, String pointer) {
        JsonNode values = schema(file).at(pointer + "/enum");
        assertThat(values.isArray()).as(file + pointer).isTrue();
        List<String> list = new ArrayList<>();
        values.forEach(v -> list.add(v.asText()));
        return list;
    }

    private static final String SAMPLED_VALUE = "/items/properties/sampledValue/items/properties/";

    @Test
    void sampledValueEnumsAreThoseOfOcpp16InMeterValuesAndStopTransaction() {
        for (String base : List.of("MeterValues.json#/properties/meterValue",
                "StopTransaction.json#/properties/transactionData")) {
            String file = base.substring(0, base.indexOf('#'));
            String p = base.substring(base.indexOf('#') + 1) + SAMPLED_VALUE;
            assertThat(enumOf(file, p + "measurand")).containsExactlyInAnyOrder(
                    "Current.Export", "Current.Import", "Current.Offered",
                    "Energy.Active.Export.Register", "Energy.Active.Import.Register",
                    "Energy.Reactive.Export.Register", "Energy.Reactive.Import.Register",
                    "Energy.Active.Export.Interval", "Energy.Active.Import.Interval",
                    "Energy.Reactive.Export.Interval", "Energy.Reactive.Import.Interval",
                    "Frequency", "Power.Active.Export", "Power.Active.Import", "Power.Factor", "Power.Offered",
                    "Power.Reactive.Export", "Power.Reactive.Import", "RPM", "SoC", "Temperature", "Voltage")
                    .hasSize(22);
            assertThat(enumOf(file, p + "context")).containsExactlyInAnyOrder(
                    "Interruption.Begin", "Interruption.End", "Sample.Clock", "Sample.Periodic",
                    "Transaction.Begin", "Transaction.End", "Trigger", "Other");
            assertThat(enumOf(file, p + "format")).containsExactlyInAnyOrder("Raw", "SignedData");
            assertThat(enumOf(file, p + "phase")).containsExactlyInAnyOrder(
                    "L1", "L2", "L3", "N", "L1-N", "L2-N", "L3-N", "L1-L2", "L2-L3", "L3-L1");
            assertThat(enumOf(file, p + "location")).containsExactlyInAnyOrder(
                    "Cable", "EV", "Inlet", "Outlet", "Body");
            assertThat(enumOf(file, p + "unit")).containsExactlyInAnyOrder(
                    "Wh", "kWh", "varh", "kvarh", "W", "kW", "VA", "kVA", "var", "kvar", "A", "V", "K",
                    "Celcius", "Celsius", "Fahrenheit", "Percent");
            assertThat(schema(file).at(p.substring(0, p.length() - "properties/".length()) + "required").toString())
                    .isEqualTo("[\"value\"]");
        }
    }

    @Test
    void statusNotificationEnumsAreThoseOfOcpp16() {
        assertThat(enumOf("StatusNotification.json", "/properties/errorCode")).containsExactlyInAnyOrder(
                "ConnectorLockFailure", "EVCommunicationError", "GroundFailure", "HighTemperature", "InternalError",
                "LocalListConflict", "NoError", "OtherError", "OverCurrentFailure", "PowerMeterFailure",
                "PowerSwitchFailure", "ReaderFailure", "ResetFailure", "UnderVoltage", "OverVoltage", "WeakSignal");
        assertThat(enumOf("StatusNotification.json", "/properties/status")).containsExactlyInAnyOrder(
                "Available", "Preparing", "Charging", "SuspendedEVSE", "SuspendedEV", "Finishing", "Reserved",
                "Unavailable", "Faulted");
        assertThat(schema("StatusNotification.json").path("required").toString())
                .isEqualTo("[\"connectorId\",\"errorCode\",\"status\"]");
    }

    @Test
    void ciStringLengthsFollowTheSpecification() {
        JsonNode boot = schema("BootNotification.json").path("properties");
        assertThat(Map.of(
                "chargePointVendor", boot.at("/chargePointVendor/maxLength").asInt(),
                "chargePointModel", boot.at("/chargePointModel/maxLength").asInt(),
                "chargePointSerialNumber", boot.at("/chargePointSerialNumber/maxLength").asInt(),
                "chargeBoxSerialNumber", boot.at("/chargeBoxSerialNumber/maxLength").asInt(),
                "firmwareVersion", boot.at("/firmwareVersion/maxLength").asInt(),
                "iccid", boot.at("/iccid/maxLength").asInt(),
                "imsi", boot.at("/imsi/maxLength").asInt(),
                "meterType", boot.at("/meterType/maxLength").asInt(),
                "meterSerialNumber", boot.at("/meterSerialNumber/maxLength").asInt()))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "chargePointVendor", 20, "chargePointModel", 20, "chargePointSerialNumber", 25,
                        "chargeBoxSerialNumber", 25, "firmwareVersion", 50, "iccid", 20, "imsi", 20,
                        "meterType", 25, "meterSerialNumber", 25));
        assertThat(schema("DataTransfer.json").at("/properties/vendorId/maxLength").asInt()).isEqualTo(255);
        assertThat(schema("DataTransfer.json").at("/properties/messageId/maxLength").asInt()).isEqualTo(50);
        assertThat(schema("DataTransfer.json").at("/properties/data/maxLength").isMissingNode()).isTrue();
        assertThat(schema("ChangeConfiguration.json").at("/properties/value/maxLength").asInt()).isEqualTo(500);
        assertThat(schema("GetConfigurationResponse.json")
                .at("/properties/configurationKey/items/properties/value/maxLength").asInt()).isEqualTo(500);
        assertThat(schema("StatusNotification.json").at("/properties/info/maxLength").asInt()).isEqualTo(50);
        assertThat(schema("StatusNotification.json").at("/properties/vendorErrorCode/maxLength").asInt())
                .isEqualTo(50);
        assertThat(schema("GetDiagnosticsResponse.json").at("/properties/fileName/maxLength").asInt())
                .isEqualTo(255);
        for (String file : List.of("Authorize.json", "StartTransaction.json", "StopTransaction.json",
                "RemoteStartTransaction.json", "ReserveNow.json")) {
            assertThat(schema(file).at("/properties/idTag/maxLength").asInt()).as(file).isEqualTo(20);
        }
    }

    @Test
    void chargingProfileStructureIsTheSameInBothPlacesAndInTheCompositeSchedule() {
        JsonNode remoteStart = schema("RemoteStartTransaction.json").at("/properties/chargingProfile");
        JsonNode setProfile = schema("SetChargingProfile.json").at("/properties/csChargingProfiles");
        assertThat(remoteStart).isEqualTo(setProfile);
        assertThat(remoteStart.path("required").toString()).isEqualTo(
                "[\"chargingProfileId\",\"stackLevel\",\"chargingProfilePurpose\",\"chargingProfileKind\",\"chargingSchedule\"]");
        assertThat(enumOf("SetChargingProfile.json", "/properties/csChargingProfiles/properties/chargingProfileKind"))
                .containsExactly("Absolute", "Recurring", "Relative");
        assertThat(enumOf("SetChargingProfile.json", "/properties/csChargingProfiles/properties/recurrencyKind"))
                .containsExactly("Daily", "Weekly");
        JsonNode schedule = remoteStart.at("/properties/chargingSchedule");
        assertThat(schedule).isEqualTo(schema("GetCompositeScheduleResponse.json").at("/properties/chargingSchedule"));
        assertThat(schedule.path("required").toString()).isEqualTo("[\"chargingRateUnit\",\"chargingSchedulePeriod\"]");
        JsonNode period = schedule.at("/properties/chargingSchedulePeriod/items");
        assertThat(period.at("/properties/startPeriod/type").asText()).isEqualTo("integer");
        assertThat(period.at("/properties/limit/type").asText()).isEqualTo("number");
        assertThat(period.at("/properties/numberPhases/type").asText()).isEqualTo("integer");
        assertThat(schedule.at("/properties/minChargingRate/type").asText()).isEqualTo("number");
        assertThat(period.path("required").toString()).isEqualTo("[\"startPeriod\",\"limit\"]");
    }

    @Test
    void uriAndDateTimeFormatsAreWhereTheSpecificationUsesAnyUriAndDateTime() {
        assertThat(schema("GetDiagnostics.json").at("/properties/location/format").asText()).isEqualTo("uri");
        assertThat(schema("UpdateFirmware.json").at("/properties/location/format").asText()).isEqualTo("uri");
        List<String> dateTimes = new ArrayList<>();
        schemaFiles().forEach(file -> collectFormats(schema(file), file + "#", dateTimes));
        assertThat(dateTimes).containsExactlyInAnyOrder(
                "AuthorizeResponse.json#/idTagInfo/expiryDate",
                "BootNotificationResponse.json#/currentTime",
                "GetCompositeScheduleResponse.json#/scheduleStart",
                "GetCompositeScheduleResponse.json#/chargingSchedule/startSchedule",
                "GetDiagnostics.json#/startTime",
                "GetDiagnostics.json#/stopTime",
                "HeartbeatResponse.json#/currentTime",
                "MeterValues.json#/meterValue[]/timestamp",
                "RemoteStartTransaction.json#/chargingProfile/validFrom",
                "RemoteStartTransaction.json#/chargingProfile/validTo",
                "RemoteStartTransaction.json#/chargingProfile/chargingSchedule/startSchedule",
                "ReserveNow.json#/expiryDate",
                "SendLocalList.json#/localAuthorizationList[]/idTagInfo/expiryDate",
                "SetChargingProfile.json#/csChargingProfiles/validFrom",
                "SetChargingProfile.json#/csChargingProfiles/validTo",
                "SetChargingProfile.json#/csChargingProfiles/chargingSchedule/startSchedule",
                "StartTransaction.json#/timestamp",
                "StartTransactionResponse.json#/idTagInfo/expiryDate",
                "StatusNotification.json#/timestamp",
                "StopTransaction.json#/timestamp",
                "StopTransaction.json#/transactionData[]/timestamp",
                "StopTransactionResponse.json#/idTagInfo/expiryDate",
                "UpdateFirmware.json#/retrieveDate");
    }

    private static void collectFormats(JsonNode node, String where, List<String> dateTimes) {
        if ("date-time".equals(node.path("format").asText())) {
            dateTimes.add(where);
        }
        for (Map.Entry<String, JsonNode> p : node.path("properties").properties()) {
            collectFormats(p.getValue(), where + "/" + p.getKey(), dateTimes);
        }
        if (node.has("items")) {
            collectFormats(node.path("items"), where + "[]", dateTimes);
        }
    }
}
