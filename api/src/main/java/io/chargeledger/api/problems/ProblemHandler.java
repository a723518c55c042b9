package io.chargeledger.api.problems;

import io.chargeledger.charger.api.ChargerAlreadyRegistered;
import io.chargeledger.charger.api.ChargerDecommissionedException;
import io.chargeledger.charger.api.ChargerNotRegistered;
import io.chargeledger.charger.api.ChargerRuleViolation;
import io.chargeledger.charger.api.Violation;
import io.chargeledger.ocpp.outbound.ChargerNotConnected;
import io.chargeledger.ocpp.outbound.InvalidOperation;
import io.chargeledger.session.api.IdTagAlreadyRegistered;
import io.chargeledger.session.api.IdTagDeletedException;
import io.chargeledger.session.api.RuleViolation;
import io.chargeledger.session.api.SessionAlreadyExists;
import io.chargeledger.session.api.SessionAlreadyStopped;
import io.chargeledger.session.api.SessionNotStarted;
import io.chargeledger.session.api.SessionStartConflict;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * Every error leaves as application/problem+json. Field-level problems carry an {@code errors} list of
 * {@code {field, message}} so clients can point at the offending input.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(InvalidRequestException.class)
    ProblemDetail invalidRequest(InvalidRequestException e) {
        return invalid(e.violations());
    }

    @ExceptionHandler(ChargerRuleViolation.class)
    ProblemDetail ruleViolation(ChargerRuleViolation e) {
        return invalid(e.violations());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        return invalid(List.of(new Violation(e.getName(), "has an invalid value '" + e.getValue() + "'")));
    }

    @ExceptionHandler(ChargerAlreadyRegistered.class)
    ProblemDetail alreadyRegistered(ChargerAlreadyRegistered e) {
        return problem(HttpStatus.CONFLICT, "Charger already registered", e.getMessage());
    }

    @ExceptionHandler(ConcurrencyException.class)
    ProblemDetail concurrentChange(ConcurrencyException e) {
        return problem(HttpStatus.CONFLICT, "Concurrent change",
                "Another request changed the same item at the same time; read it again and retry");
    }

    @ExceptionHandler(ChargerDecommissionedException.class)
    ProblemDetail decommissioned(ChargerDecommissionedException e) {
        return problem(HttpStatus.CONFLICT, "Charger decommissioned", e.getMessage());
    }

    @ExceptionHandler({NotFoundException.class, ChargerNotRegistered.class})
    ProblemDetail notFound(RuntimeException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail aggregateNotFound(AggregateNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", "No item with id " + e.getAggregateIdentifier());
    }

    @ExceptionHandler(ChargerNotConnected.class)
    ProblemDetail notConnected(ChargerNotConnected e) {
        return problem(HttpStatus.CONFLICT, "Charger not connected", e.getMessage());
    }

    @ExceptionHandler(InvalidOperation.class)
    ProblemDetail invalidOperation(InvalidOperation e) {
        return invalid(List.of(new Violation(e.field(), e.getMessage())));
    }

    /** IdTagRuleViolation and SessionRuleViolation: 400 naming every field, as the session domain names them. */
    @ExceptionHandler(RuleViolation.class)
    ProblemDetail sessionRuleViolation(RuleViolation e) {
        return invalid(e.violations().stream().map(v -> new Violation(v.field(), v.message())).toList());
    }

    @ExceptionHandler(IdTagAlreadyRegistered.class)
    ProblemDetail idTagAlreadyRegistered(IdTagAlreadyRegistered e) {
        return problem(HttpStatus.CONFLICT, "Id tag already registered", e.getMessage());
    }

    /** A deleted tag is gone for REST clients (GET answers 404 too) until it is registered again with POST. */
    @ExceptionHandler(IdTagDeletedException.class)
    ProblemDetail idTagDeleted(IdTagDeletedException e) {
        return problem(HttpStatus.NOT_FOUND, "Id tag deleted", e.getMessage());
    }

    @ExceptionHandler(SessionAlreadyStopped.class)
    ProblemDetail sessionAlreadyStopped(SessionAlreadyStopped e) {
        return problem(HttpStatus.CONFLICT, "Session already stopped", e.getMessage());
    }

    @ExceptionHandler(SessionNotStarted.class)
    ProblemDetail sessionNotStarted(SessionNotStarted e) {
        return problem(HttpStatus.CONFLICT, "Session not started", e.getMessage());
    }

    @ExceptionHandler({SessionAlreadyExists.class, SessionStartConflict.class})
    ProblemDetail sessionConflict(RuntimeException e) {
        return problem(HttpStatus.CONFLICT, "Session conflict", e.getMessage());
    }

    /**
     * All aggregates share one event store keyed by their identifiers: an id tag named like an existing charger (or
     * the reverse) finds the other aggregate's stream. That name is taken, which is a conflict, not a server error.
     */
    @ExceptionHandler(IncompatibleAggregateException.class)
    ProblemDetail identifierTaken(IncompatibleAggregateException e) {
        return problem(HttpStatus.CONFLICT, "Identifier taken",
                "That identifier already belongs to another kind of item (for example a charger); choose another");
    }

    @ExceptionHandler(ProblemException.class)
    ProblemDetail refused(ProblemException e) {
        ProblemDetail problem = problem(e.status(), e.title(), e.getMessage());
        e.properties().forEach(problem::setProperty);
        return problem;
    }

    @ExceptionHandler(java.util.concurrent.CompletionException.class)
    Object completion(java.util.concurrent.CompletionException e) throws Exception {
        // async controllers fail with the cause wrapped; answer as if it had been thrown directly
        Throwable cause = e.getCause() == null ? e : e.getCause();
        if (cause instanceof ChargerNotConnected notConnected) {
            return notConnected(notConnected);
        }
        if (cause instanceof InvalidOperation invalid) {
            return invalidOperation(invalid);
        }
        return unexpected(e);
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("Unexpected error while handling a request", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "The server failed to handle the request; nothing was changed unless the response said so");
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        Throwable cause = e.getMostSpecificCause();
        ProblemDetail problem;
        if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            String field = jackson.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            problem = invalid(List.of(new Violation(field, "has a value of the wrong type or format")));
        } else {
            problem = problem(HttpStatus.BAD_REQUEST, "Malformed request body",
                    "The body is missing or is not valid JSON");
        }
        return ResponseEntity.badRequest().body(problem);
    }

    private static ProblemDetail invalid(List<Violation> violations) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", violations.stream()
                .map(v -> v.field() + " " + v.message()).collect(Collectors.joining("; ")));
        problem.setProperty("errors", violations.stream()
                .map(v -> Map.of("field", v.field(), "message", v.message())).toList());
        return problem;
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
