package io.chargeledger.api.audit;

import io.chargeledger.api.problems.InvalidRequestException;
import io.chargeledger.api.problems.NotFoundException;
import io.chargeledger.charger.api.Violation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.async.AsyncWebRequest;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit trail, read from the event store itself (never from read models or snapshots): the complete event
 * stream of a charger or a session with who/why metadata, exports of it, and its state at any past instant.
 *
 * <p>ROLES (for the roles/JWT work): every endpoint here is read-only and readable by ADMIN and AUDITOR. Until roles
 * exist, any authenticated user may use them.
 */
@RestController
@RequestMapping("/api/audit")
@Tag(name = "Audit", description = "Complete event history of chargers and sessions, exports, and state at a past "
        + "instant (roles: ADMIN, AUDITOR)")
public class AuditController {

    static final int DEFAULT_PAGE_SIZE = 100;
    static final int MAX_PAGE_SIZE = 1000;

    private static final String EVENTS_DESCRIPTION = "The aggregate's complete event stream from sequence number 0 "
            + "(never from a snapshot), in sequence order, each event with its metadata: `actor` (user:<name> or "
            + "charger:<id>), `httpRequestId`, `ocppMessageId`, `ocppAction`. Paged JSON by default (`page`, `size`); "
            + "`format=jsonl` or `format=csv` streams an export of the whole stream instead (paging ignored). "
            + "authorizationKeyHash values are masked as \"***\" in every format.";
    private static final String PAGE_EXAMPLE = """
            {"content":[{"sequenceNumber":0,"timestamp":"2025-03-14T08:00:00.123Z","type":"ChargerRegistered",
            "eventId":"3f9d0a52-8a3c-4c1e-9d55-1b2f4c7e8a90","payload":{"chargePointId":"JAAL34S021",
            "details":{"serialNumber":"JAAL34S021","vendor":"Siemens","model":"VersiCharge 8EM1310","ratedVolts":240,
            "ratedAmps":32,"pricing":{"pricePerKwh":0.30,"currency":"EUR","sessionFee":1.00},"connectorCount":1},
            "securityProfile":1,"authorizationKeyHash":"***"},"metadata":{"actor":"user:admin",
            "httpRequestId":"5b0c6e0e-5c43-4a0f-bb9e-0f3f6f1d2b7a"}}],"page":0,"size":100,"totalElements":1,
            "totalPages":1}""";
    private static final String JSONL_EXAMPLE = """
            {"sequenceNumber":0,"timestamp":"2025-03-14T08:00:00.123Z","type":"ChargerRegistered","eventId":"3f9d...","payload":{"chargePointId":"JAAL34S021","securityProfile":1,"authorizationKeyHash":"***"},"metadata":{"actor":"user:admin","httpRequestId":"5b0c..."}}
            {"sequenceNumber":1,"timestamp":"2025-03-14T08:05:00.456Z","type":"ChargerConnected","eventId":"9a1b...","payload":{"chargePointId":"JAAL34S021","connectionId":"c-1"},"metadata":{"actor":"charger:JAAL34S021","ocppAction":"BootNotification"}}
            """;
    private static final String CSV_EXAMPLE = "sequenceNumber,timestamp,type,eventId,payload,metadata\r\n"
            + "0,2025-03-14T08:00:00.123Z,ChargerRegistered,3f9d0a52-8a3c-4c1e-9d55-1b2f4c7e8a90,"
            + "\"{\"\"chargePointId\"\":\"\"JAAL34S021\"\",\"\"authorizationKeyHash\"\":\"\"***\"\"}\","
            + "\"{\"\"actor\"\":\"\"user:admin\"\"}\"\r\n";
    private static final String CHARGER_STATE_EXAMPLE = """
            {"id":"JAAL34S021","at":"2025-03-14T09:00:00Z","eventsApplied":4,"lastSequenceNumber":3,
            "lastEventTimestamp":"2025-03-14T08:05:01Z","state":{"chargePointId":"JAAL34S021","registered":true,
            "registeredAt":"2025-03-14T08:00:00.123Z","pendingApproval":false,"details":{"vendor":"Siemens",
            "model":"VersiCharge 8EM1310"},"securityProfile":1,"hasAuthorizationKey":true,
            "registrationStatus":"ACCEPTED","connected":true,"connectionId":"c-1","nodeId":"node-1",
            "connectors":[{"connectorId":1,"status":"Available","errorCode":"NoError"}],"decommissioned":false}}""";
    private static final String SESSION_STATE_EXAMPLE = """
            {"id":"1b4e28ba-2fa1-41d2-883f-0016d3cca427","at":"2025-03-14T08:30:00Z","eventsApplied":2,
            "lastSequenceNumber":1,"lastEventTimestamp":"2025-03-14T08:10:00.250Z","state":{
            "sessionId":"1b4e28ba-2fa1-41d2-883f-0016d3cca427","status":"ACTIVE","chargePointId":"JAAL34S021",
            "connectorId":1,"idTag":"TAG-0001","transactionId":17,"startedAt":"2025-03-14T08:00:00Z",
            "meterStartWh":1000,"tariff":{"pricePerKwh":0.30,"currency":"EUR","sessionFee":1.00},
            "lastRegisterWh":5000,"meterSampleCount":1,"energyWh":4000,"cost":2.20,"currency":"EUR","anomalies":[]}}""";

    private final EventHistory history;
    private final JsonMapper json;
    private final Duration exportTimeout;

    public AuditController(EventHistory history, JsonMapper json,
                           @Value("${chargeledger.audit.export-timeout:30m}") Duration exportTimeout) {
        this.history = history;
        this.json = json;
        this.exportTimeout = exportTimeout;
    }

    @GetMapping("/chargers/{chargePointId}/events")
    @Operation(summary = "A charger's complete event history", description = EVENTS_DESCRIPTION)
    @ApiResponse(responseCode = "200", description = "The page, or the export", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = AuditEventPage.class),
                    examples = @ExampleObject(name = "page", value = PAGE_EXAMPLE)),
            @Content(mediaType = "application/x-ndjson", schema = @Schema(type = "string"),
                    examples = @ExampleObject(name = "jsonl", value = JSONL_EXAMPLE)),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string"),
                    examples = @ExampleObject(name = "csv", value = CSV_EXAMPLE))})
    @ApiResponse(responseCode = "400", description = "Invalid page, size or format", content = @Content)
    @ApiResponse(responseCode = "404", description = "No charger with this chargePointId", content = @Content)
    public ResponseEntity<StreamingResponseBody> chargerEvents(
            @PathVariable String chargePointId,
            @Parameter(description = "json (default, paged), jsonl or csv (whole stream)",
                    schema = @Schema(allowableValues = {"json", "jsonl", "csv"})) @RequestParam(required = false)
            String format,
            @Parameter(description = "Page number, from 0") @RequestParam(defaultValue = "0") int page,
            @Parameter(description = "Events per page, 1-" + MAX_PAGE_SIZE) @RequestParam(defaultValue = "100") int size,
            @Parameter(hidden = true) NativeWebRequest request) {
        return events(AuditedAggregate.CHARGER, chargePointId, format, page, size, request);
    }

    @GetMapping("/sessions/{sessionId}/events")
    @Operation(summary = "A charging session's complete event history", description = EVENTS_DESCRIPTION)
    @ApiResponse(responseCode = "200", description = "The page, or the export", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = AuditEventPage.class)),
            @Content(mediaType = "application/x-ndjson", schema = @Schema(type = "string")),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string"))})
    @ApiResponse(responseCode = "400", description = "Invalid page, size or format", content = @Content)
    @ApiResponse(responseCode = "404", description = "No session with this sessionId", content = @Content)
    public ResponseEntity<StreamingResponseBody> sessionEvents(
            @PathVariable String sessionId,
            @Parameter(description = "json (default, paged), jsonl or csv (whole stream)",
                    schema = @Schema(allowableValues = {"json", "jsonl", "csv"})) @RequestParam(required = false)
            String format,
            @Parameter(description = "Page number, from 0") @RequestParam(defaultValue = "0") int page,
            @Parameter(description = "Events per page, 1-" + MAX_PAGE_SIZE) @RequestParam(defaultValue = "100") int size,
            @Parameter(hidden = true) NativeWebRequest request) {
        return events(AuditedAggregate.SESSION, sessionId, format, page, size, request);
    }

    @GetMapping("/chargers/{chargePointId}/state")
    @Operation(summary = "A charger's state at a past instant",
            description = "Rebuilt by replaying the charger's events stored at or before `at`, from sequence 0.")
    @ApiResponse(responseCode = "200", description = "The state", useReturnTypeSchema = true,
            content = @Content(mediaType = "application/json",
                    examples = @ExampleObject(name = "charger", value = CHARGER_STATE_EXAMPLE)))
    @ApiResponse(responseCode = "400", description = "`at` missing or not an ISO-8601 instant", content = @Content)
    @ApiResponse(responseCode = "404", description = "Unknown charger, or not registered yet at `at`",
            content = @Content)
    public StateAt<ChargerState> chargerState(
            @PathVariable String chargePointId,
            @Parameter(description = "ISO-8601 instant, e.g. 2025-03-14T09:00:00Z", required = true,
                    example = "2025-03-14T09:00:00Z") @RequestParam(required = false) String at) {
        Instant instant = parseAt(at);
        return history.stateAt(AuditedAggregate.CHARGER, chargePointId, instant, new ChargerStateBuilder(chargePointId))
                .orElseThrow(() -> notYet(AuditedAggregate.CHARGER, chargePointId, instant));
    }

    @GetMapping("/sessions/{sessionId}/state")
    @Operation(summary = "A charging session's state at a past instant",
            description = "Rebuilt by replaying the session's events stored at or before `at`, from sequence 0. "
                    + "energyWh and cost of an ACTIVE session are provisional (highest register reading so far).")
    @ApiResponse(responseCode = "200", description = "The state", useReturnTypeSchema = true,
            content = @Content(mediaType = "application/json",
                    examples = @ExampleObject(name = "session", value = SESSION_STATE_EXAMPLE)))
    @ApiResponse(responseCode = "400", description = "`at` missing or not an ISO-8601 instant", content = @Content)
    @ApiResponse(responseCode = "404", description = "Unknown session, or not existing yet at `at`",
            content = @Content)
    public StateAt<SessionState> sessionState(
            @PathVariable String sessionId,
            @Parameter(description = "ISO-8601 instant, e.g. 2025-03-14T09:00:00Z", required = true,
                    example = "2025-03-14T09:00:00Z") @RequestParam(required = false) String at) {
        Instant instant = parseAt(at);
        return history.stateAt(AuditedAggregate.SESSION, sessionId, instant, new SessionStateBuilder(sessionId))
                .orElseThrow(() -> notYet(AuditedAggregate.SESSION, sessionId, instant));
    }

    /**
     * Every format is written as a stream (Spring MVC picks the streaming return value handler by the declared
     * return type); the JSON page is read completely before its first byte, so its errors are still proper problems.
     */
    private ResponseEntity<StreamingResponseBody> events(AuditedAggregate aggregate, String id, String format, int page, int size,
                                     NativeWebRequest request) {
        List<Violation> violations = new ArrayList<>();
        EventExport export = null;
        if (format != null && !format.equalsIgnoreCase("json")) {
            export = EventExport.of(format).orElse(null);
            if (export == null) {
                violations.add(new Violation("format", "must be json, jsonl or csv"));
            }
        }
        if (page < 0) {
            violations.add(new Violation("page", "must be 0 or more"));
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            violations.add(new Violation("size", "must be between 1 and " + MAX_PAGE_SIZE));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        if (export == null) {
            AuditEventPage events = history.page(aggregate, id, page, size)
                    .orElseThrow(() -> new NotFoundException(aggregate.unknown(id)));
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                    .body(out -> out.write(json.writeValueAsBytes(events)));
        }
        // checked before the first byte, so that an unknown id is still a proper 404
        DomainEventStream events = history.fromStart(aggregate, id)
                .orElseThrow(() -> new NotFoundException(aggregate.unknown(id)));
        if (request instanceof AsyncWebRequest async) {
            // a long history takes longer than the servlet container's default async timeout (30 s) to stream
            async.setTimeout(exportTimeout.toMillis());
        }
        EventExport chosen = export;
        StreamingResponseBody body = out -> chosen.writeAll(events, history, out, json);
        return ResponseEntity.ok()
                .contentType(chosen.mediaType())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(chosen.fileName(aggregate, id)).build().toString())
                .body(body);
    }

    static Instant parseAt(String at) {
        if (at == null || at.isBlank()) {
            throw new InvalidRequestException("at", "is required: an ISO-8601 instant such as 2025-03-14T09:00:00Z");
        }
        try {
            // an unencoded '+' of an offset arrives as a space in a query string
            return OffsetDateTime.parse(at.trim().replace(' ', '+')).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("at",
                    "must be an ISO-8601 instant with offset, such as 2025-03-14T09:00:00Z or 2025-03-14T10:00:00+01:00");
        }
    }

    private static NotFoundException notYet(AuditedAggregate aggregate, String id, Instant at) {
        return new NotFoundException(aggregate.unknown(id) + " existed at " + at);
    }
}
