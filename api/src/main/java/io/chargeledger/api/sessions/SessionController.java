package io.chargeledger.api.sessions;

import io.chargeledger.api.chargers.ReadModelAwaiter;
import io.chargeledger.api.problems.InvalidRequestException;
import io.chargeledger.api.problems.NotFoundException;
import io.chargeledger.api.problems.ProblemException;
import io.chargeledger.api.security.Caller;
import io.chargeledger.api.security.TagOwnership;
import io.chargeledger.ocpp.outbound.ChargePointGateway;
import io.chargeledger.ocpp.outbound.ChargerNotConnected;
import io.chargeledger.ocpp.sessions.TransactionRegistry;
import io.chargeledger.projections.api.ChargerSummary;
import io.chargeledger.projections.api.FindIdTag;
import io.chargeledger.projections.api.FindMeterSamples;
import io.chargeledger.projections.api.FindSession;
import io.chargeledger.projections.api.IdTagSummary;
import io.chargeledger.projections.api.ListSessions;
import io.chargeledger.projections.api.MeterSampleSummary;
import io.chargeledger.projections.api.SessionPage;
import io.chargeledger.projections.api.SessionStatus;
import io.chargeledger.projections.api.SessionSummary;
import io.chargeledger.session.IdTagRules;
import io.chargeledger.session.api.AuthorizationStatus;
import io.chargeledger.session.api.AuthorizeIdTag;
import io.chargeledger.session.api.IdTagInfo;
import io.chargeledger.session.api.IdTokens;
import io.chargeledger.session.api.RequestRemoteStart;
import io.chargeledger.session.api.RequestRemoteStop;
import io.chargeledger.session.api.Violation;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.IdentifierFactory;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Charging sessions: history with filters, one session with its meter values, remote start and remote stop.
 * Remote start and stop answer 202: the request is stored and sent to the charger, and the session changes only
 * when the charger acts (StartTransaction, StopTransaction); follow it with GET /api/sessions/{id}.
 * <p>
 * Admins and auditors see every session and admins start and stop any. A driver's sessions are those of the id tags
 * whose owner is the driver's username: the history lists only those, another driver's session answers 403 (to GET,
 * meter values and stop alike), and a remote start with a tag that is not theirs answers 403.
 */
@RestController
@RequestMapping("/api/sessions")
public class SessionController {

    private static final int MAX_PAGE_SIZE = 500;
    /** How deep (page x size) a driver with several id tags may page through their merged history. */
    private static final int MAX_DRIVER_MERGE = 10_000;

    private final CommandGateway commandGateway;
    private final QueryGateway queryGateway;
    private final ReadModelAwaiter readModel;
    private final ChargePointGateway chargePoints;
    private final TransactionRegistry transactions;
    private final TagOwnership ownership;
    private final Duration remoteStartWindow;

    public SessionController(CommandGateway commandGateway, QueryGateway queryGateway, ReadModelAwaiter readModel,
                             ChargePointGateway chargePoints, TransactionRegistry transactions, TagOwnership ownership,
                             @Value("${chargeledger.sessions.remote-start-window:60s}") Duration remoteStartWindow) {
        if (remoteStartWindow.isNegative() || remoteStartWindow.isZero()) {
            throw new IllegalArgumentException("chargeledger.sessions.remote-start-window must be positive");
        }
        this.commandGateway = commandGateway;
        this.queryGateway = queryGateway;
        this.readModel = readModel;
        this.chargePoints = chargePoints;
        this.transactions = transactions;
        this.ownership = ownership;
        this.remoteStartWindow = remoteStartWindow;
    }

    @GetMapping
    public SessionPage list(@RequestParam(required = false) String chargePointId,
                            @RequestParam(required = false) String idTag,
                            @RequestParam(required = false) String status,
                            @RequestParam(required = false) String from,
                            @RequestParam(required = false) String to,
                            @RequestParam(defaultValue = "0") int page,
                            @RequestParam(defaultValue = "50") int size,
                            Authentication authentication) {
        List<Violation> violations = new ArrayList<>();
        SessionStatus statusFilter = null;
        if (status != null) {
            statusFilter = parseStatus(status);
            if (statusFilter == null) {
                violations.add(new Violation("status", "must be one of " + List.of(SessionStatus.values())));
            }
        }
        Instant fromInstant = parseInstant("from", from, violations);
        Instant toInstant = parseInstant("to", to, violations);
        if (fromInstant != null && toInstant != null && !toInstant.isAfter(fromInstant)) {
            violations.add(new Violation("to", "must be after from"));
        }
        if (page < 0) {
            violations.add(new Violation("page", "must be 0 or more"));
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            violations.add(new Violation("size", "must be between 1 and " + MAX_PAGE_SIZE));
        }
        Caller caller = Caller.of(authentication);
        if (!caller.readsEverything()) {
            List<String> own = ownership.ownedTags(caller.username());
            List<String> tags = idTag == null || idTag.isBlank() ? own
                    : own.stream().filter(tag -> IdTokens.sameToken(tag, idTag)).toList();
            if (tags.size() > 1 && (long) (page + 1) * size > MAX_DRIVER_MERGE) {
                violations.add(new Violation("page", "is too deep (page x size above " + MAX_DRIVER_MERGE
                        + "); narrow the history with from, to or idTag"));
            }
            if (!violations.isEmpty()) {
                throw InvalidRequestException.ofSessionRules(violations);
            }
            return listOfTags(tags, blankToNull(chargePointId), statusFilter, fromInstant, toInstant, page, size);
        }
        if (!violations.isEmpty()) {
            throw InvalidRequestException.ofSessionRules(violations);
        }
        return queryGateway.query(new ListSessions(blankToNull(chargePointId), blankToNull(idTag), statusFilter,
                fromInstant, toInstant, page, size), ResponseTypes.instanceOf(SessionPage.class)).join();
    }

    @GetMapping("/{sessionId}")
    public SessionSummary get(@PathVariable String sessionId, Authentication authentication) {
        return visible(sessionId, Caller.of(authentication));
    }

    /** The session's sampled values in time order, for charts; ?measurand=... keeps one measurand only. */
    @GetMapping("/{sessionId}/meter-values")
    public List<MeterSampleSummary> meterValues(@PathVariable String sessionId,
                                                @RequestParam(required = false) String measurand,
                                                Authentication authentication) {
        visible(sessionId, Caller.of(authentication));
        return queryGateway.query(new FindMeterSamples(sessionId, blankToNull(measurand)),
                ResponseTypes.multipleInstancesOf(MeterSampleSummary.class)).join();
    }

    /**
     * Asks a charger to start a session for an id tag. Everything the server can know is checked first, so that a
     * request that could only fail is refused with a clear problem instead of a session that never starts.
     */
    @PostMapping
    public ResponseEntity<Object> remoteStart(@RequestBody RemoteStartRequest request, Authentication principal) {
        List<Violation> violations = new ArrayList<>();
        if (request.chargePointId() == null || request.chargePointId().isBlank()) {
            violations.add(new Violation("chargePointId", "is required"));
        }
        if (request.connectorId() != null && request.connectorId() < 1) {
            violations.add(new Violation("connectorId", "must be at least 1 (leave it out to let the charger choose)"));
        }
        violations.addAll(IdTagRules.checkIdToken("idTag", request.idTag()));
        if (!violations.isEmpty()) {
            throw InvalidRequestException.ofSessionRules(violations);
        }
        Caller caller = Caller.of(principal);
        if (!caller.isAdmin() && !ownership.owns(caller.username(), request.idTag())) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "Forbidden",
                    "Drivers start sessions only with id tags assigned to them", fieldError("idTag", "is not yours"));
        }
        String chargePointId = request.chargePointId();
        ChargerSummary charger = readModel.findCharger(chargePointId)
                .filter(found -> !found.decommissioned())
                .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "Unknown charger",
                        "No charger with chargePointId " + chargePointId, fieldError("chargePointId", "is unknown")));
        Integer connectorId = request.connectorId();
        if (connectorId != null && charger.connectorCount() != null && connectorId > charger.connectorCount()) {
            throw InvalidRequestException.ofSessionRules(List.of(new Violation("connectorId",
                    "must be between 1 and " + charger.connectorCount() + " (the charger's connectors)")));
        }
        String idTag = IdTokens.canonical(request.idTag());
        Instant now = Instant.now();
        requireAccepted(idTag, now);
        if (!chargePoints.isConnected(chargePointId)) {
            throw new ChargerNotConnected(chargePointId);
        }
        if (connectorId != null) {
            requireFree(chargePointId, connectorId);
        } else {
            requireAnyFree(charger);
        }

        String sessionId = IdentifierFactory.getInstance().generateIdentifier();
        commandGateway.sendAndWait(new RequestRemoteStart(sessionId, chargePointId, connectorId, idTag,
                principal.getName(), now.plus(remoteStartWindow)));
        URI location = URI.create("/api/sessions/" + sessionId);
        return ResponseEntity.accepted().location(location).body(afterWrite(sessionId)
                .<Object>map(summary -> summary)
                .orElseGet(() -> Map.of("sessionId", sessionId, "status", SessionStatus.PENDING_REMOTE_START)));
    }

    /** Asks the charger to stop the session; it stops when the charger's StopTransaction arrives. */
    @PostMapping("/{sessionId}/stop")
    public ResponseEntity<Object> remoteStop(@PathVariable String sessionId, Authentication principal) {
        Caller caller = Caller.of(principal);
        if (!caller.isAdmin()) {
            requireOwn(find(sessionId).orElseThrow(() -> unknown(sessionId)), caller);
        }
        // A request that could never reach the charger is refused before it is stored. The read model may lag a
        // stop by a moment; such a session then answers this 409 instead of the domain's "already stopped" 409.
        find(sessionId)
                .filter(session -> session.status() == SessionStatus.ACTIVE)
                .filter(session -> !chargePoints.isConnected(session.chargePointId()))
                .ifPresent(session -> {
                    throw new ChargerNotConnected(session.chargePointId());
                });
        try {
            commandGateway.sendAndWait(new RequestRemoteStop(sessionId, principal.getName()));
        } catch (AggregateNotFoundException | IncompatibleAggregateException never) {
            throw unknown(sessionId);
        }
        URI location = URI.create("/api/sessions/" + sessionId);
        return ResponseEntity.accepted().location(location).body(afterWrite(sessionId)
                .<Object>map(summary -> summary).orElseGet(() -> Map.of("sessionId", sessionId)));
    }

    /**
     * Asks the tag itself (its aggregate, never a lagging projection), as a charger's Authorize would. Unknown and
     * deleted tags are 404, Blocked and Expired 409; a tag already at its maxActiveSessions (as the read model
     * shows it) is 409 ConcurrentTx, since the charger's StartTransaction would be answered so.
     */
    private void requireAccepted(String idTag, Instant now) {
        IdTagInfo info;
        try {
            info = commandGateway.sendAndWait(new AuthorizeIdTag(idTag, now));
        } catch (AggregateNotFoundException | IncompatibleAggregateException unknown) {
            // never registered; or the name is another aggregate's identifier (a charger's), so no tag can have it
            info = IdTagInfo.invalid();
        }
        AuthorizationStatus status = info == null ? AuthorizationStatus.Invalid : info.status();
        if (status == AuthorizationStatus.Invalid) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "Unknown id tag", "No id tag " + idTag,
                    fieldError("idTag", "is unknown"));
        }
        if (status != AuthorizationStatus.Accepted) {
            throw tagNotAccepted(idTag, status);
        }
        queryGateway.query(new FindIdTag(idTag), ResponseTypes.optionalInstanceOf(IdTagSummary.class)).join()
                .filter(tag -> tag.maxActiveSessions() != null && tag.activeSessions() >= tag.maxActiveSessions())
                .ifPresent(tag -> {
                    throw tagNotAccepted(idTag, AuthorizationStatus.ConcurrentTx);
                });
    }

    private void requireFree(String chargePointId, int connectorId) {
        // the registry is written with the session events themselves: it knows of a start the moment it is stored
        transactions.openOnConnector(chargePointId, connectorId).ifPresent(open -> {
            throw new ProblemException(HttpStatus.CONFLICT, "Connector busy", "Connector " + connectorId + " of "
                    + chargePointId + " is charging in session " + open.sessionId(),
                    Map.of("sessionId", open.sessionId()));
        });
    }

    private void requireAnyFree(ChargerSummary charger) {
        if (charger.connectorCount() != null
                && transactions.openOnCharger(charger.chargePointId()).size() >= charger.connectorCount()) {
            throw new ProblemException(HttpStatus.CONFLICT, "Connector busy", "Every connector of "
                    + charger.chargePointId() + " is charging", Map.of());
        }
    }

    private static ProblemException tagNotAccepted(String idTag, AuthorizationStatus status) {
        String why = switch (status) {
            case Blocked -> "is blocked";
            case Expired -> "has expired";
            case ConcurrentTx -> "already has as many sessions running as it may";
            default -> "is not accepted (" + status + ")";
        };
        return new ProblemException(HttpStatus.CONFLICT, "Id tag not accepted", "Id tag " + idTag + " " + why,
                Map.of("authorizationStatus", status.name()));
    }

    /** The session, if this caller may see it: 404 unknown; 403 a driver's request for another driver's session. */
    private SessionSummary visible(String sessionId, Caller caller) {
        SessionSummary session = find(sessionId).orElseThrow(() -> unknown(sessionId));
        if (!caller.readsEverything()) {
            requireOwn(session, caller);
        }
        return session;
    }

    private void requireOwn(SessionSummary session, Caller caller) {
        if (!ownership.owns(caller.username(), session.idTag())) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "Forbidden",
                    "Session " + session.sessionId() + " is not one of yours (its id tag is not assigned to you)");
        }
    }

    /**
     * A driver's history: the newest-first merge of each owned tag's history. Each tag's list is read up to the end
     * of the requested page, so the merge is exact (a driver has few tags; MAX_DRIVER_MERGE bounds the depth).
     */
    private SessionPage listOfTags(List<String> tags, String chargePointId, SessionStatus status, Instant from,
                                   Instant to, int page, int size) {
        if (tags.isEmpty()) {
            return new SessionPage(List.of(), page, size, 0, 0);
        }
        if (tags.size() == 1) {
            return queryGateway.query(new ListSessions(chargePointId, tags.get(0), status, from, to, page, size),
                    ResponseTypes.instanceOf(SessionPage.class)).join();
        }
        int window = (page + 1) * size;
        List<SessionSummary> merged = new ArrayList<>();
        long total = 0;
        for (String tag : tags) {
            SessionPage first = queryGateway.query(new ListSessions(chargePointId, tag, status, from, to, 0, window),
                    ResponseTypes.instanceOf(SessionPage.class)).join();
            merged.addAll(first.content());
            total += first.totalElements();
        }
        // the read model's order: beganAt descending (PostgreSQL puts nulls first there), then sessionId descending
        merged.sort(Comparator.comparing(SessionSummary::beganAt, Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
                .reversed().thenComparing(SessionSummary::sessionId, Comparator.reverseOrder()));
        List<SessionSummary> content = merged.stream().skip((long) page * size).limit(size).toList();
        return new SessionPage(content, page, size, total, (int) ((total + size - 1) / size));
    }

    private Optional<SessionSummary> find(String sessionId) {
        return queryGateway.query(new FindSession(sessionId), ResponseTypes.optionalInstanceOf(SessionSummary.class))
                .join();
    }

    private Optional<SessionSummary> afterWrite(String sessionId) {
        return readModel.afterWrite(sessionId, () -> find(sessionId), SessionSummary::version);
    }

    private static SessionStatus parseStatus(String text) {
        String normalized = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (SessionStatus status : SessionStatus.values()) {
            if (status.name().equals(normalized)) {
                return status;
            }
        }
        return null;
    }

    private static Instant parseInstant(String field, String text, List<Violation> violations) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            violations.add(new Violation(field, "must be an ISO-8601 date-time such as 2025-01-31T00:00:00Z"));
            return null;
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static Map<String, Object> fieldError(String field, String message) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("errors", List.of(Map.of("field", field, "message", message)));
        return properties;
    }

    private static NotFoundException unknown(String sessionId) {
        return new NotFoundException("No session " + sessionId);
    }
}
