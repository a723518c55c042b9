package io.chargeledger.api.ocpp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.chargeledger.api.chargers.ReadModelAwaiter;
import io.chargeledger.api.problems.InvalidRequestException;
import io.chargeledger.api.problems.NotFoundException;
import io.chargeledger.charger.api.AcceptCharger;
import io.chargeledger.ocpp.frame.OcppJson;
import io.chargeledger.ocpp.outbound.ChargerOperations;
import io.chargeledger.ocpp.outbound.OperationResult;
import io.chargeledger.projections.api.ChargerSummary;
import java.security.Principal;
import java.util.concurrent.CompletableFuture;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operations admins send to a connected charger, answered with what the charger said. */
@RestController
@RequestMapping("/api/chargers/{chargePointId}")
public class ChargerOperationsController {

    private final ChargerOperations operations;
    private final ReadModelAwaiter readModel;
    private final CommandGateway commands;

    public ChargerOperationsController(ChargerOperations operations, ReadModelAwaiter readModel,
                                       CommandGateway commands) {
        this.operations = operations;
        this.readModel = readModel;
        this.commands = commands;
    }

    /**
     * Body: the OCPP request payload (e.g. {@code {"type":"Soft"}} for Reset). 200 with the charger's CALLRESULT
     * payload; 400 invalid; 404 unknown charger; 409 not connected; 502 the charger answered with a CALLERROR
     * or an invalid payload, or the connection dropped; 504 no answer in time. Header X-Operation-Id names the
     * recorded operation.
     */
    @PostMapping(value = "/operations/{operation}", produces = MediaType.APPLICATION_JSON_VALUE)
    public CompletableFuture<ResponseEntity<Object>> execute(@PathVariable String chargePointId,
                                                             @PathVariable String operation,
                                                             @RequestBody(required = false) String body,
                                                             Principal principal) {
        readModel.findCharger(chargePointId)
                .filter(charger -> !charger.decommissioned())
                .orElseThrow(() -> new NotFoundException("No charger with chargePointId " + chargePointId));
        JsonNode payload = parse(body);
        return operations.execute(chargePointId, operation, payload, principal.getName())
                .thenApply(ChargerOperationsController::toResponse);
    }

    /** Accepts an auto-registered charger, so its next BootNotification is answered Accepted. */
    @PostMapping("/accept")
    public ChargerSummary accept(@PathVariable String chargePointId, Principal principal) {
        readModel.findCharger(chargePointId)
                .orElseThrow(() -> new NotFoundException("No charger with chargePointId " + chargePointId));
        commands.sendAndWait(new AcceptCharger(chargePointId, principal.getName()));
        return readModel.chargerAfterWrite(chargePointId).orElseThrow();
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return OcppJson.MAPPER.createObjectNode();
        }
        try {
            JsonNode payload = OcppJson.MAPPER.readTree(body);
            if (!payload.isObject()) {
                throw new InvalidRequestException("payload", "must be a JSON object");
            }
            return payload;
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("payload", "is not valid JSON");
        }
    }

    private static ResponseEntity<Object> toResponse(OperationResult result) {
        return switch (result.outcome()) {
            case ANSWERED -> ResponseEntity.ok().header("X-Operation-Id", result.operationId())
                    .contentType(MediaType.APPLICATION_JSON).body(result.response().toString());
            case CALL_ERROR -> problem(HttpStatus.BAD_GATEWAY, "Charger answered with an error", result,
                    result.errorCode() + (result.errorDescription() == null ? "" : ": " + result.errorDescription()));
            case TIMED_OUT -> problem(HttpStatus.GATEWAY_TIMEOUT, "Charger did not answer", result,
                    result.errorDescription());
            case CONNECTION_LOST -> problem(HttpStatus.BAD_GATEWAY, "Connection lost", result,
                    result.errorDescription());
        };
    }

    private static ResponseEntity<Object> problem(HttpStatus status, String title, OperationResult result, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setProperty("operationId", result.operationId());
        problem.setProperty("operation", result.action());
        if (result.errorCode() != null) {
            problem.setProperty("errorCode", result.errorCode());
        }
        return ResponseEntity.status(status).header("X-Operation-Id", result.operationId())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
