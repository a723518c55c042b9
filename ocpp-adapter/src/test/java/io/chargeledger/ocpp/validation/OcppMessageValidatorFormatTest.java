package io.chargeledger.ocpp.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static io.chargeledger.ocpp.validation.OcppExamples.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * "format" is really enforced: RFC 3339 date-time everywhere the spec says dateTime, RFC 3986 absolute URI for
 * the firmware and diagnostics locations.
 */
class OcppMessageValidatorFormatTest {

    private static final OcppMessageValidator VALIDATOR = new OcppMessageValidator();

    private static Optional<ValidationFailure> startTransactionAt(String timestamp) {
        return VALIDATOR.validateRequest("StartTransaction", json("""
                {"connectorId": 1, "idTag": "A", "meterStart": 0, "timestamp": "%s"}""".formatted(timestamp)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "2026-11-25T10:00:00Z",
            "2026-11-25T10:00:00.123Z",
            "2026-11-25T10:00:00+01:00",
            "2026-11-25T10:00:00.123+01:00",
            "2026-11-25T10:00:00-05:30",
            "2026-11-25T10:00:00.123456Z",
            "2028-02-29T23:59:59Z"})
    void rfc3339DateTimesPass(String timestamp) {
        assertThat(startTransactionAt(timestamp)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "yesterday",
            "2026-13-01T00:00:00Z",     // month 13
            "2026-02-30T10:00:00Z",     // no such day
            "2026-11-25T24:00:01Z",     // no such time
            "2026-11-25",               // date without time
            "10:00:00Z",                // time without date
            "2026-11-25T10:00:00",      // no offset: RFC 3339 requires Z or an offset
            "2026-11-25T10:00Z",        // no seconds
            "1764064800",               // epoch seconds as a string
            ""})
    void invalidDateTimesAreAPropertyConstraintViolationNamingTheField(String timestamp) {
        Optional<ValidationFailure> failure = startTransactionAt(timestamp);
        assertThat(failure).as(timestamp).isPresent();
        assertThat(failure.get().code()).isEqualTo(CallErrorCode.PROPERTY_CONSTRAINT_VIOLATION);
        assertThat(failure.get().description())
                .isEqualTo("timestamp: '" + timestamp + "' is not a valid RFC 3339 date-time (e.g. 2026-11-25T10:00:00Z)");
    }

    @Test
    void dateTimeIsCheckedInNestedObjectsArraysAndResponses() {
        assertThat(VALIDATOR.validateRequest("MeterValues", json("""
                {"connectorId": 1, "meterValue": [{"timestamp": "2026-11-25T10:00:00Z", "sampledValue": [{"value": "1"}]},
                                                   {"timestamp": "2026-11-25 late", "sampledValue": [{"value": "2"}]}]}""")))
                .get().extracting(ValidationFailure::code, f -> f.description().substring(0, f.description().indexOf(':')))
                .containsExactly(CallErrorCode.PROPERTY_CONSTRAINT_VIOLATION, "meterValue[1].timestamp");
        assertThat(VALIDATOR.validateResponse("Authorize", json("""
                {"idTagInfo": {"status": "Accepted", "expiryDate": "2026-12-32T00:00:00Z"}}""")))
                .get().extracting(ValidationFailure::code).isEqualTo(CallErrorCode.PROPERTY_CONSTRAINT_VIOLATION);
        assertThat(VALIDATOR.validateResponse("Heartbeat", json("""
                {"currentTime": "Wed, 25 Nov 2026 10:00:00 GMT"}""")))
                .get().extracting(ValidationFailure::description).asString().startsWith("currentTime: ");
        assertThat(VALIDATOR.validateResponse("BootNotification", json("""
                {"status": "Accepted", "currentTime": "2026-11-25T10:00:00.000Z", "interval": 300}"""))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "ftp://diag:secret@diagnostics.chargeledger.test/uploads/",
            "https://firmware.chargeledger.test/fw/v6.5.0.bin",
            "http://10.0.0.5:8080/upload?charger=CP-1",
            "sftp://upload.chargeledger.test/logs"})
    void absoluteUrisPass(String location) {
        assertThat(VALIDATOR.validateRequest("GetDiagnostics", json("{\"location\": \"" + location + "\"}"))).isEmpty();
        assertThat(VALIDATOR.validateRequest("UpdateFirmware", json("""
                {"location": "%s", "retrieveDate": "2026-11-26T02:00:00Z"}""".formatted(location)))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a uri", "/uploads/diag", "firmware.bin", "https://host/with space.bin"})
    void invalidUrisAreAPropertyConstraintViolation(String location) {
        Optional<ValidationFailure> failure = VALIDATOR.validateRequest("UpdateFirmware", json("""
                {"location": "%s", "retrieveDate": "2026-11-26T02:00:00Z"}""".formatted(location)));
        assertThat(failure).as(location).isPresent();
        assertThat(failure.get().code()).isEqualTo(CallErrorCode.PROPERTY_CONSTRAINT_VIOLATION);
        assertThat(failure.get().description())
                .isEqualTo("location: '" + location + "' is not a valid absolute URI (RFC 3986)");
    }

    // ---- what networknt 2.0.8 does with "format" under draft-04, measured ----

    private static final JsonNode DATE_TIME_SCHEMA = json("""
            {"$schema": "http://json-schema.org/draft-04/schema#", "type": "object",
             "properties": {"t": {"type": "string", "format": "date-time"}}}""");

    private static int errorsFor(SchemaRegistry registry, String value) {
        Schema schema = registry.getSchema(DATE_TIME_SCHEMA);
        return schema.validate(json("{\"t\": \"" + value + "\"}")).size();
    }

    @Test
    void networkntAssertsFormatForDraft04ByDefault() {
        // Unlike 2019-09/2020-12, where "format" is only an annotation by default, draft-04 asserts it.
        SchemaRegistry defaults = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
        assertThat(errorsFor(defaults, "yesterday")).isEqualTo(1);
        assertThat(errorsFor(defaults, "2026-11-25T10:00:00Z")).isZero();
    }

    @Test
    void formatAssertionsCanBeSwitchedOffWhichIsWhyTheValidatorSwitchesThemOnExplicitly() {
        SchemaRegistry off = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4,
                b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(false).build()));
        assertThat(errorsFor(off, "yesterday")).isZero();
        SchemaRegistry on = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4,
                b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
        assertThat(errorsFor(on, "yesterday")).isEqualTo(1);
    }
}
