package io.chargeledger.api.idtags;

import io.chargeledger.api.chargers.ReadModelAwaiter;
import io.chargeledger.api.problems.InvalidRequestException;
import io.chargeledger.api.problems.NotFoundException;
import io.chargeledger.api.security.Caller;
import io.chargeledger.projections.api.FindIdTag;
import io.chargeledger.projections.api.IdTagPage;
import io.chargeledger.projections.api.IdTagSummary;
import io.chargeledger.projections.api.ListIdTags;
import io.chargeledger.session.IdTagRules;
import io.chargeledger.session.api.BlockIdTag;
import io.chargeledger.session.api.DeleteIdTag;
import io.chargeledger.session.api.IdTagStatus;
import io.chargeledger.session.api.IdTokens;
import io.chargeledger.session.api.RegisterIdTag;
import io.chargeledger.session.api.UnblockIdTag;
import io.chargeledger.session.api.UpdateIdTag;
import io.chargeledger.session.api.Violation;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Id tags (RFID cards, app tokens). Tags are case-insensitive: every path and body is canonicalized to upper case,
 * as the IdTag aggregate is. A deleted tag answers 404 (GET, PUT, block, unblock) until it is registered again.
 * Admins and auditors see every tag; a driver sees only the tags whose owner is their username (the list is
 * filtered, another tag answers 404 as if it did not exist); only admins change tags (SecurityConfiguration).
 */
@RestController
@RequestMapping("/api/id-tags")
public class IdTagController {

    private static final int MAX_PAGE_SIZE = 500;
    /** Characters a tag may hold in OCPP but that cannot travel in a URL path segment (the server's firewall refuses them). */
    private static final String NOT_IN_PATH = "/\\%;";

    private final CommandGateway commandGateway;
    private final QueryGateway queryGateway;
    private final ReadModelAwaiter readModel;

    public IdTagController(CommandGateway commandGateway, QueryGateway queryGateway, ReadModelAwaiter readModel) {
        this.commandGateway = commandGateway;
        this.queryGateway = queryGateway;
        this.readModel = readModel;
    }

    @PostMapping
    public ResponseEntity<IdTagSummary> register(@RequestBody IdTagRequest request) {
        Details details = validate(request.idTag(), request, IdTagStatus.Accepted);
        String idTag = IdTokens.canonical(request.idTag());
        commandGateway.sendAndWait(new RegisterIdTag(idTag, details.status(), details.expiryDate(),
                request.parentIdTag(), request.maxActiveSessions(), request.owner()));
        URI location = UriComponentsBuilder.fromPath("/api/id-tags/{idTag}").encode().buildAndExpand(idTag).toUri();
        return ResponseEntity.created(location).body(afterWrite(idTag).orElse(null));
    }

    @GetMapping
    public IdTagPage list(@RequestParam(required = false) String owner,
                          @RequestParam(defaultValue = "false") boolean includeDeleted,
                          @RequestParam(defaultValue = "0") int page,
                          @RequestParam(defaultValue = "50") int size,
                          Authentication authentication) {
        List<io.chargeledger.charger.api.Violation> violations = new ArrayList<>();
        if (page < 0) {
            violations.add(new io.chargeledger.charger.api.Violation("page", "must be 0 or more"));
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            violations.add(new io.chargeledger.charger.api.Violation("size", "must be between 1 and " + MAX_PAGE_SIZE));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        Caller caller = Caller.of(authentication);
        if (!caller.readsEverything()) {
            if (owner != null && !owner.equals(caller.username())) {
                return new IdTagPage(List.of(), page, size, 0, 0); // a driver's list holds their own tags only
            }
            owner = caller.username();
        }
        return queryGateway.query(new ListIdTags(owner, includeDeleted, page, size),
                ResponseTypes.instanceOf(IdTagPage.class)).join();
    }

    @GetMapping("/{idTag}")
    public IdTagSummary get(@PathVariable String idTag, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        return find(idTag).filter(tag -> !tag.deleted())
                // 404, not 403: a driver cannot probe which card numbers are registered to others
                .filter(tag -> caller.readsEverything() || caller.username().equals(tag.owner()))
                .orElseThrow(() -> unknown(idTag));
    }

    /** Replaces every editable field, like a form save: a field left out is cleared; status is required here. */
    @PutMapping("/{idTag}")
    public IdTagSummary update(@PathVariable String idTag, @RequestBody IdTagRequest request) {
        if (request.idTag() != null && !IdTokens.sameToken(request.idTag(), idTag)) {
            throw new InvalidRequestException("idTag", "must match the path (a tag cannot be renamed)");
        }
        Details details = validate(idTag, request, null);
        send(idTag, new UpdateIdTag(idTag, details.status(), details.expiryDate(), request.parentIdTag(),
                request.maxActiveSessions(), request.owner()));
        return afterWrite(idTag).orElseThrow(() -> unknown(idTag));
    }

    /** Deletes the tag (it answers Invalid from then on); deleting a deleted tag again changes nothing (204). */
    @DeleteMapping("/{idTag}")
    public ResponseEntity<Void> delete(@PathVariable String idTag) {
        send(idTag, new DeleteIdTag(idTag));
        afterWrite(idTag);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{idTag}/block")
    public IdTagSummary block(@PathVariable String idTag) {
        send(idTag, new BlockIdTag(idTag));
        return afterWrite(idTag).orElseThrow(() -> unknown(idTag));
    }

    /** Lifts a block; a tag that is not blocked (e.g. Expired) is left as it is. */
    @PostMapping("/{idTag}/unblock")
    public IdTagSummary unblock(@PathVariable String idTag) {
        send(idTag, new UnblockIdTag(idTag));
        return afterWrite(idTag).orElseThrow(() -> unknown(idTag));
    }

    private void send(String idTag, Object command) {
        try {
            commandGateway.sendAndWait(command);
        } catch (AggregateNotFoundException | IncompatibleAggregateException never) {
            // never registered; or the name is another aggregate's identifier (a charger's), so no tag has it
            throw unknown(idTag);
        }
    }

    private Optional<IdTagSummary> find(String idTag) {
        return queryGateway.query(new FindIdTag(idTag), ResponseTypes.optionalInstanceOf(IdTagSummary.class)).join();
    }

    private Optional<IdTagSummary> afterWrite(String idTag) {
        String canonical = IdTokens.canonical(idTag);
        return readModel.afterWrite(IdTokens.aggregateId(canonical), () -> find(canonical), IdTagSummary::version);
    }

    /** The domain's own rules, asked first so that every offending field is reported at once. */
    private static Details validate(String idTag, IdTagRequest request, IdTagStatus defaultStatus) {
        List<Violation> violations = new ArrayList<>();
        IdTagStatus status = defaultStatus;
        if (request.status() != null) {
            status = parseStatus(request.status());
            if (status == null) {
                violations.add(new Violation("status", "must be Accepted, Blocked or Expired"));
            }
        }
        Instant expiryDate = null;
        if (request.expiryDate() != null) {
            expiryDate = parseInstant(request.expiryDate());
            if (expiryDate == null) {
                violations.add(new Violation("expiryDate", "must be an ISO-8601 date-time such as 2030-12-31T23:59:59Z"));
            }
        }
        for (Violation rule : IdTagRules.check(IdTokens.canonical(idTag), status, IdTokens.canonical(request.parentIdTag()),
                request.maxActiveSessions(), request.owner())) {
            // a status that failed to parse is already reported with its allowed values
            if (!(rule.field().equals("status") && request.status() != null)) {
                violations.add(rule);
            }
        }
        if (idTag != null && idTag.chars().anyMatch(c -> NOT_IN_PATH.indexOf(c) >= 0)) {
            violations.add(new Violation("idTag", "must not contain / \\ % or ; (it is used in URLs)"));
        }
        if (!violations.isEmpty()) {
            throw InvalidRequestException.ofSessionRules(violations);
        }
        return new Details(status, expiryDate);
    }

    private static IdTagStatus parseStatus(String text) {
        for (IdTagStatus status : IdTagStatus.values()) {
            if (status.name().equalsIgnoreCase(text.trim())) {
                return status;
            }
        }
        return null;
    }

    static Instant parseInstant(String text) {
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException notAnOffsetDateTime) {
            return null;
        }
    }

    private static NotFoundException unknown(String idTag) {
        return new NotFoundException("No id tag " + IdTokens.canonical(idTag));
    }

    private record Details(IdTagStatus status, Instant expiryDate) {
    }
}
