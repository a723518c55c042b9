package io.chargeledger.ocpp.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Validates OCPP 1.6-J payloads (the fourth element of a CALL, the third of a CALLRESULT) against the
 * OCPP 1.6 JSON schemas in {@code classpath:ocpp16/} ({@code <Action>.json} for the .req,
 * {@code <Action>Response.json} for the .conf) and maps a violation to the OCPP-J CALLERROR code to answer with.
 *
 * <p>All 56 schemas are loaded and compiled once, in the constructor, which fails fast if one is missing or
 * broken. After construction the instance is immutable and thread-safe: share one instance for all connections.
 * A valid payload costs one schema walk and no allocation beyond the validator's own execution context.
 *
 * <h2>Error mapping (OCPP-J 1.6, section 4.2.3)</h2>
 * <ul>
 *   <li>payload not a JSON object, or a property the PDU does not define -> {@code FormationViolation}</li>
 *   <li>required property missing -> {@code OccurenceConstraintViolation}</li>
 *   <li>wrong JSON type (string for integer, {@code 1.5} or {@code 1.0} for integer, null...) ->
 *       {@code TypeConstraintViolation}</li>
 *   <li>right type, invalid value (enum, maxLength, date-time/uri format, multipleOf...) ->
 *       {@code PropertyConstraintViolation}</li>
 *   <li>unknown action -> {@code NotImplemented}</li>
 * </ul>
 * When several violations occur, the most fundamental one is reported
 * (formation > occurrence > type > property; the first one found within the same class).
 *
 * <p>Direction is not checked here: {@link #validateRequest} validates the .req of any OCPP 1.6 action, so it
 * serves both inbound calls and self-checks of outbound ones. An endpoint receiving a CALL from a charge point
 * should answer {@code NotSupported} for a known action that is not {@link #isChargePointInitiated charge point
 * initiated} (e.g. a charger sending {@code Reset}).
 *
 * <p>Integers are not range-checked (the official schemas do not bound them): read them with
 * {@code canConvertToInt()} / as long where it matters (e.g. meterStart/meterStop registers).
 */
public final class OcppMessageValidator {

    /** Classpath folder of the schema files. */
    public static final String SCHEMA_FOLDER = "ocpp16/";

    private static final String DRAFT_04 = "http://json-schema.org/draft-04/schema#";

    /** Actions a charge point sends to the central system (OCPP 1.6 core, firmware, diagnostics, data transfer). */
    private static final Set<String> CHARGE_POINT_INITIATED = Set.of(
            "Authorize", "BootNotification", "DataTransfer", "DiagnosticsStatusNotification",
            "FirmwareStatusNotification", "Heartbeat", "MeterValues", "StartTransaction", "StatusNotification",
            "StopTransaction");

    /** Actions the central system sends to a charge point. */
    private static final Set<String> CENTRAL_SYSTEM_INITIATED = Set.of(
            "CancelReservation", "ChangeAvailability", "ChangeConfiguration", "ClearCache", "ClearChargingProfile",
            "DataTransfer", "GetCompositeSchedule", "GetConfiguration", "GetDiagnostics", "GetLocalListVersion",
            "RemoteStartTransaction", "RemoteStopTransaction", "ReserveNow", "Reset", "SendLocalList",
            "SetChargingProfile", "TriggerMessage", "UnlockConnector", "UpdateFirmware");

    private static final Set<String> ALL_ACTIONS;

    static {
        Set<String> all = new HashSet<>(CHARGE_POINT_INITIATED);
        all.addAll(CENTRAL_SYSTEM_INITIATED);
        ALL_ACTIONS = Set.copyOf(all);
    }

    /** Longest excerpt of a received value (or action name) echoed into a description. */
    private static final int MAX_ECHO = 40;

    private final Map<String, Schema> requestSchemas;
    private final Map<String, Schema> responseSchemas;

    /** Loads and compiles all schemas from the classpath of this class. */
    public OcppMessageValidator() {
        this(OcppMessageValidator.class.getClassLoader());
    }

    OcppMessageValidator(ClassLoader classLoader) {
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                // networknt 2.0.8 already asserts "format" for draft-04 (only 2019-09+ make it an annotation by
                // default); we enable it explicitly so that a library upgrade cannot silently turn date-time and
                // uri checks off. OcppMessageValidatorFormatTest proves it.
                .formatAssertionsEnabled(Boolean.TRUE)
                .locale(Locale.ENGLISH)
                .build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4,
                builder -> builder.schemaRegistryConfig(config));
        ObjectMapper mapper = new ObjectMapper();
        Map<String, Schema> requests = new HashMap<>();
        Map<String, Schema> responses = new HashMap<>();
        for (String action : ALL_ACTIONS) {
            requests.put(action, load(registry, mapper, classLoader, action + ".json"));
            responses.put(action, load(registry, mapper, classLoader, action + "Response.json"));
        }
        this.requestSchemas = Map.copyOf(requests);
        this.responseSchemas = Map.copyOf(responses);
    }

    private static Schema load(SchemaRegistry registry, ObjectMapper mapper, ClassLoader classLoader, String file) {
        String resource = SCHEMA_FOLDER + file;
        try (InputStream in = classLoader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("OCPP schema missing from classpath: " + resource);
            }
            JsonNode node = mapper.readTree(in);
            if (node == null || !DRAFT_04.equals(node.path("$schema").asText())) {
                throw new IllegalStateException("OCPP schema " + resource + " must declare $schema " + DRAFT_04);
            }
            Schema schema = registry.getSchema(node);
            schema.initializeValidators(); // compile now, not lazily on the first frame
            return schema;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read OCPP schema " + resource, e);
        } catch (RuntimeException e) {
            if (e instanceof IllegalStateException) {
                throw e;
            }
            throw new IllegalStateException("Cannot compile OCPP schema " + resource + ": " + e.getMessage(), e);
        }
    }

    /** Validates the payload of a CALL (the .req) of {@code action}. Empty when valid. */
    public Optional<ValidationFailure> validateRequest(String action, JsonNode payload) {
        return validate(requestSchemas, action, payload);
    }

    /** Validates the payload of a CALLRESULT (the .conf) answering {@code action}. Empty when valid. */
    public Optional<ValidationFailure> validateResponse(String action, JsonNode payload) {
        return validate(responseSchemas, action, payload);
    }

    /** True for any OCPP 1.6 action, in either direction. Case-sensitive ({@code "heartbeat"} is unknown). */
    public boolean isKnownAction(String action) {
        return action != null && ALL_ACTIONS.contains(action);
    }

    /** True if a charge point may send this action as a CALL (includes {@code DataTransfer}, which goes both ways). */
    public boolean isChargePointInitiated(String action) {
        return action != null && CHARGE_POINT_INITIATED.contains(action);
    }

    /** True if the central system may send this action as a CALL (includes {@code DataTransfer}). */
    public boolean isCentralSystemInitiated(String action) {
        return action != null && CENTRAL_SYSTEM_INITIATED.contains(action);
    }

    private static Optional<ValidationFailure> validate(Map<String, Schema> schemas, String action, JsonNode payload) {
        Schema schema = action == null ? null : schemas.get(action);
        if (schema == null) {
            return Optional.of(new ValidationFailure(CallErrorCode.NOT_IMPLEMENTED,
                    "Unknown OCPP 1.6 action " + quote(action)));
        }
        if (payload == null || payload.isMissingNode()) {
            return Optional.of(new ValidationFailure(CallErrorCode.FORMATION_VIOLATION,
                    "payload: missing, expected a JSON object"));
        }
        if (!payload.isObject()) {
            return Optional.of(new ValidationFailure(CallErrorCode.FORMATION_VIOLATION,
                    "payload: expected a JSON object, got " + jsonType(payload)));
        }
        List<Error> errors = schema.validate(payload);
        if (errors.isEmpty()) {
            return Optional.empty();
        }
        Error worst = null;
        CallErrorCode worstCode = null;
        for (Error error : errors) {
            CallErrorCode code = codeFor(error.getKeyword());
            if (worst == null || rank(code) < rank(worstCode)) {
                worst = error;
                worstCode = code;
            }
        }
        return Optional.of(new ValidationFailure(worstCode, describe(worst)));
    }

    /**
     * Maps a failed JSON-schema keyword to the OCPP-J CALLERROR code.
     *
     * <p>{@code additionalProperties} -> FormationViolation: a property the PDU does not define makes the payload
     * "not conform the PDU structure for Action", which is the spec's definition of FormationViolation;
     * PropertyConstraintViolation is defined as "at least one field contains an invalid value", which presupposes
     * a field of the PDU. Some central systems answer PropertyConstraintViolation here, others ignore unknown
     * fields; the official schemas forbid them ({@code "additionalProperties": false}), so we reject them, with
     * the code the spec's wording implies.
     *
     * <p>{@code minItems}/{@code maxItems} (cardinality) would be occurrence constraints; the official 1.6
     * schemas use neither, they are mapped for completeness.
     */
    static CallErrorCode codeFor(String keyword) {
        if (keyword == null) {
            return CallErrorCode.PROPERTY_CONSTRAINT_VIOLATION;
        }
        return switch (keyword) {
            case "additionalProperties" -> CallErrorCode.FORMATION_VIOLATION;
            case "required", "minItems", "maxItems" -> CallErrorCode.OCCURENCE_CONSTRAINT_VIOLATION;
            case "type" -> CallErrorCode.TYPE_CONSTRAINT_VIOLATION;
            // enum, maxLength, format, multipleOf, minimum, maximum, pattern...: a value of the right type that
            // breaks a constraint
            default -> CallErrorCode.PROPERTY_CONSTRAINT_VIOLATION;
        };
    }

    private static int rank(CallErrorCode code) {
        return switch (code) {
            case FORMATION_VIOLATION -> 0;
            case OCCURENCE_CONSTRAINT_VIOLATION -> 1;
            case TYPE_CONSTRAINT_VIOLATION -> 2;
            case PROPERTY_CONSTRAINT_VIOLATION -> 3;
            default -> 4;
        };
    }

    private static String describe(Error error) {
        String keyword = error.getKeyword() == null ? "" : error.getKeyword();
        Object[] args = error.getArguments() == null ? new Object[0] : error.getArguments();
        JsonNode instance = error.getInstanceNode();
        JsonNode schemaNode = error.getSchemaNode();
        String path = path(error.getInstanceLocation());
        return switch (keyword) {
            case "required" -> join(path, propertyOf(error, args)) + ": required property missing";
            case "additionalProperties" -> join(path, propertyOf(error, args))
                    + ": property not defined for this message (additional properties are not allowed)";
            case "type" -> field(path) + ": expected " + arg(args, 1, schemaNode == null ? "?" : schemaNode.asText())
                    + ", got " + typeAndValue(instance, arg(args, 0, "?"));
            case "enum" -> field(path) + ": value " + echo(instance) + " is not allowed, expected one of "
                    + enumValues(schemaNode, args);
            case "maxLength" -> field(path) + ": exceeds maxLength " + arg(args, 0, schemaText(schemaNode));
            case "minLength" -> field(path) + ": shorter than minLength " + arg(args, 0, schemaText(schemaNode));
            case "format" -> field(path) + ": " + echo(instance) + " is not a valid " + formatName(arg(args, 0,
                    schemaText(schemaNode)));
            case "multipleOf" -> field(path) + ": " + echo(instance) + " is not a multiple of "
                    + arg(args, 0, schemaText(schemaNode));
            default -> field(path) + ": " + keyword + " constraint violated (" + error.getMessage() + ")";
        };
    }

    private static String formatName(String format) {
        return switch (format) {
            case "date-time" -> "RFC 3339 date-time (e.g. 2026-11-25T10:00:00Z)";
            case "uri" -> "absolute URI (RFC 3986)";
            default -> format;
        };
    }

    /** Field path like {@code meterValue[0].sampledValue[1].measurand}; empty for the payload itself. */
    private static String path(NodePath location) {
        if (location == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Integer index) {
                sb.append('[').append(index).append(']');
            } else {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(clip(String.valueOf(element)));
            }
        }
        return sb.toString();
    }

    private static String propertyOf(Error error, Object[] args) {
        String property = error.getProperty();
        if (property == null && args.length > 0 && args[0] != null) {
            property = String.valueOf(args[0]);
        }
        return clip(property == null ? "?" : property);
    }

    private static String join(String path, String property) {
        return path.isEmpty() ? property : path + "." + property;
    }

    private static String field(String path) {
        return path.isEmpty() ? "payload" : path;
    }

    private static String arg(Object[] args, int index, String fallback) {
        return args.length > index && args[index] != null ? String.valueOf(args[index]) : fallback;
    }

    private static String schemaText(JsonNode schemaNode) {
        return schemaNode == null ? "?" : schemaNode.asText();
    }

    private static String typeAndValue(JsonNode instance, String foundType) {
        if (instance != null && instance.isNumber()) {
            return "number " + clip(instance.asText()); // e.g. "expected integer, got number 1.5"
        }
        return instance == null ? foundType : jsonType(instance);
    }

    private static String enumValues(JsonNode schemaNode, Object[] args) {
        if (schemaNode != null && schemaNode.isArray()) {
            StringBuilder sb = new StringBuilder("[");
            for (JsonNode value : schemaNode) {
                if (sb.length() > 1) {
                    sb.append(", ");
                }
                sb.append(value.asText());
            }
            return sb.append(']').toString();
        }
        return arg(args, 0, "?");
    }

    private static String jsonType(JsonNode node) {
        if (node.isTextual()) {
            return "string";
        }
        if (node.isIntegralNumber()) {
            return "integer";
        }
        if (node.isNumber()) {
            return "number";
        }
        if (node.isBoolean()) {
            return "boolean";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isArray()) {
            return "array";
        }
        if (node.isObject()) {
            return "object";
        }
        return node.getNodeType().toString().toLowerCase(Locale.ROOT);
    }

    /** A received value, quoted if textual, clipped and stripped of control characters. */
    private static String echo(JsonNode instance) {
        if (instance == null) {
            return "?";
        }
        return instance.isTextual() ? quote(instance.asText()) : clip(instance.toString());
    }

    private static String quote(String text) {
        return text == null ? "null" : "'" + clip(text) + "'";
    }

    private static String clip(String text) {
        String clipped = text;
        if (text.length() > MAX_ECHO) {
            int cut = Character.isHighSurrogate(text.charAt(MAX_ECHO - 1)) ? MAX_ECHO - 1 : MAX_ECHO;
            clipped = text.substring(0, cut) + "...";
        }
        StringBuilder sb = new StringBuilder(clipped.length());
        for (int i = 0; i < clipped.length(); i++) {
            char c = clipped.charAt(i);
            sb.append(Character.isISOControl(c) ? '?' : c);
        }
        return sb.toString();
    }
}
