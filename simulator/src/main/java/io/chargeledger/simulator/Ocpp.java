package io.chargeledger.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** OCPP-J 1.6 framing, timestamps and minimal payload validation. */
final class Ocpp {

    static final String SUBPROTOCOL = "ocpp1.6";
    static final int CALL = 2;
    static final int CALLRESULT = 3;
    static final int CALLERROR = 4;

    static final ObjectMapper MAPPER = new ObjectMapper();

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Ocpp() {
    }

    /** ISO-8601 UTC with milliseconds and 'Z', e.g. 2025-01-31T12:00:00.000Z. */
    static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    static String now() {
        return timestamp(Instant.now());
    }

    static boolean isDateTime(JsonNode n) {
        if (n == null || !n.isTextual()) {
            return false;
        }
        try {
            OffsetDateTime.parse(n.asText(), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static String call(String id, String action, ObjectNode payload) {
        ArrayNode a = MAPPER.createArrayNode();
        a.add(CALL).add(id).add(action).add(payload);
        return a.toString();
    }

    static String result(String id, ObjectNode payload) {
        ArrayNode a = MAPPER.createArrayNode();
        a.add(CALLRESULT).add(id).add(payload);
        return a.toString();
    }

    static String error(String id, String code, String description) {
        ArrayNode a = MAPPER.createArrayNode();
        a.add(CALLERROR).add(id).add(code).add(description == null ? "" : description).add(MAPPER.createObjectNode());
        return a.toString();
    }

    // ---------------------------------------------------------------- validation

    /** An OCPP-J CALLERROR code plus description. */
    record Violation(String code, String description) {
    }

    enum Kind { STRING, INTEGER, OBJECT, STRING_ARRAY, DATETIME }

    record Field(String name, Kind kind, boolean required, Set<String> values, int maxLength) {
        static Field req(String name, Kind kind) {
            return new Field(name, kind, true, null, 0);
        }

        static Field opt(String name, Kind kind) {
            return new Field(name, kind, false, null, 0);
        }

        static Field reqString(String name, int maxLength) {
            return new Field(name, Kind.STRING, true, null, maxLength);
        }

        static Field optString(String name, int maxLength) {
            return new Field(name, Kind.STRING, false, null, maxLength);
        }

        static Field reqEnum(String name, String... values) {
            return new Field(name, Kind.STRING, true, Set.of(values), 0);
        }
    }

    static final Set<String> TRIGGERABLE = Set.of("BootNotification", "DiagnosticsStatusNotification",
            "FirmwareStatusNotification", "Heartbeat", "MeterValues", "StatusNotification");

    /** Central system -> charge point requests this simulator implements, with their 1.6 schema (essentials). */
    static final Map<String, List<Field>> INCOMING = Map.ofEntries(
            Map.entry("RemoteStartTransaction", List.of(Field.opt("connectorId", Kind.INTEGER),
                    Field.reqString("idTag", 20), Field.opt("chargingProfile", Kind.OBJECT))),
            Map.entry("RemoteStopTransaction", List.of(Field.req("transactionId", Kind.INTEGER))),
            Map.entry("Reset", List.of(Field.reqEnum("type", "Hard", "Soft"))),
            Map.entry("ChangeAvailability", List.of(Field.req("connectorId", Kind.INTEGER),
                    Field.reqEnum("type", "Inoperative", "Operative"))),
            Map.entry("GetConfiguration", List.of(new Field("key", Kind.STRING_ARRAY, false, null, 50))),
            Map.entry("ChangeConfiguration", List.of(Field.reqString("key", 50), Field.reqString("value", 500))),
            Map.entry("TriggerMessage", List.of(new Field("requestedMessage", Kind.STRING, true, TRIGGERABLE, 0),
                    Field.opt("connectorId", Kind.INTEGER))),
            Map.entry("UnlockConnector", List.of(Field.req("connectorId", Kind.INTEGER))),
            Map.entry("ClearCache", List.of()),
            Map.entry("DataTransfer", List.of(Field.reqString("vendorId", 255), Field.optString("messageId", 50),
                    Field.opt("data", Kind.STRING))));

    /** OCPP 1.6 actions the central system may send that this simulator recognises but does not support. */
    static final Set<String> NOT_SUPPORTED = Set.of("CancelReservation", "ClearChargingProfile",
            "GetCompositeSchedule", "GetDiagnostics", "GetLocalListVersion", "ReserveNow", "SendLocalList",
            "SetChargingProfile", "UpdateFirmware");

    /**
     * Validates a payload against the essentials of its schema: unknown property ->
     * FormationViolation, missing required -> OccurenceConstraintViolation (1.6 spelling),
     * wrong JSON type -> TypeConstraintViolation, bad enum value / too long / negative id ->
     * PropertyConstraintViolation.
     */
    static Violation validate(List<Field> fields, JsonNode payload) {
        for (Iterator<String> it = payload.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (fields.stream().noneMatch(f -> f.name().equals(name))) {
                return new Violation("FormationViolation", "unknown property '" + name + "'");
            }
        }
        for (Field f : fields) {
            JsonNode v = payload.get(f.name());
            if (v == null || v.isNull()) {
                if (f.required()) {
                    return new Violation("OccurenceConstraintViolation", "missing required property '" + f.name() + "'");
                }
                continue;
            }
            switch (f.kind()) {
                case STRING, DATETIME -> {
                    if (!v.isTextual()) {
                        return typeError(f);
                    }
                    if (f.values() != null && !f.values().contains(v.asText())) {
                        return new Violation("PropertyConstraintViolation",
                                "'" + f.name() + "' value '" + v.asText() + "' is not one of " + f.values());
                    }
                    if (f.maxLength() > 0 && v.asText().length() > f.maxLength()) {
                        return new Violation("PropertyConstraintViolation",
                                "'" + f.name() + "' is longer than " + f.maxLength());
                    }
                    if (f.kind() == Kind.DATETIME && !isDateTime(v)) {
                        return new Violation("PropertyConstraintViolation", "'" + f.name() + "' is not a date-time");
                    }
                }
                case INTEGER -> {
                    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                        return typeError(f);
                    }
                    if (f.name().equals("connectorId") && v.asInt() < 0) {
                        return new Violation("PropertyConstraintViolation", "'connectorId' must be >= 0");
                    }
                }
                case OBJECT -> {
                    if (!v.isObject()) {
                        return typeError(f);
                    }
                }
                case STRING_ARRAY -> {
                    if (!v.isArray()) {
                        return typeError(f);
                    }
                    for (JsonNode e : v) {
                        if (!e.isTextual()) {
                            return typeError(f);
                        }
                        if (f.maxLength() > 0 && e.asText().length() > f.maxLength()) {
                            return new Violation("PropertyConstraintViolation",
                                    "an entry of '" + f.name() + "' is longer than " + f.maxLength());
                        }
                    }
                }
                default -> throw new IllegalStateException();
            }
        }
        return null;
    }

    private static Violation typeError(Field f) {
        return new Violation("TypeConstraintViolation", "'" + f.name() + "' must be " + switch (f.kind()) {
            case STRING, DATETIME -> "a string";
            case INTEGER -> "an integer";
            case OBJECT -> "an object";
            case STRING_ARRAY -> "an array of strings";
        });
    }

    static final Set<String> ID_TAG_STATUS = Set.of("Accepted", "Blocked", "Expired", "Invalid", "ConcurrentTx");
    static final Set<String> REGISTRATION_STATUS = Set.of("Accepted", "Pending", "Rejected");

    /**
     * Checks a CALLRESULT payload for one of our requests. Returns null when usable,
     * otherwise a short reason (the result is then treated as failed).
     */
    static String checkResult(String action, JsonNode p) {
        switch (action) {
            case "BootNotification":
                if (!REGISTRATION_STATUS.contains(p.path("status").asText())) {
                    return "status";
                }
                if (!p.path("interval").isIntegralNumber()) {
                    return "interval";
                }
                if (!isDateTime(p.get("currentTime"))) {
                    return "currentTime";
                }
                return null;
            case "Heartbeat":
                return isDateTime(p.get("currentTime")) ? null : "currentTime";
            case "Authorize":
                return ID_TAG_STATUS.contains(p.path("idTagInfo").path("status").asText()) ? null : "idTagInfo.status";
            case "StartTransaction":
                if (!p.path("transactionId").isIntegralNumber() || !p.path("transactionId").canConvertToInt()) {
                    return "transactionId";
                }
                return ID_TAG_STATUS.contains(p.path("idTagInfo").path("status").asText()) ? null : "idTagInfo.status";
            case "StopTransaction":
                if (p.has("idTagInfo") && !ID_TAG_STATUS.contains(p.path("idTagInfo").path("status").asText())) {
                    return "idTagInfo.status";
                }
                return null;
            default:
                return null;
        }
    }
}
