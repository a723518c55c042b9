package io.chargeledger.ocpp.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import io.chargeledger.charger.api.OperationOutcome;
import io.chargeledger.charger.api.RecordOperationOutcome;
import io.chargeledger.charger.api.RecordOperationRequest;
import io.chargeledger.ocpp.validation.OcppMessageValidator;
import io.chargeledger.ocpp.validation.ValidationFailure;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;

/**
 * Operations admins send to chargers (Reset, UnlockConnector, GetConfiguration...). The request is recorded
 * before the CALL goes out and the outcome after it ends, so the audit trail shows who asked and what came back.
 */
public class ChargerOperations {

    public static final Set<String> SUPPORTED = Set.of(
            "RemoteStartTransaction", "RemoteStopTransaction", "Reset", "ChangeAvailability", "ChangeConfiguration",
            "GetConfiguration", "ClearCache", "UnlockConnector", "TriggerMessage", "DataTransfer");

    private final ChargePointGateway gateway;
    private final CommandGateway commandGateway;
    private final OcppMessageValidator validator;

    public ChargerOperations(ChargePointGateway gateway, CommandGateway commandGateway, OcppMessageValidator validator) {
        this.gateway = gateway;
        this.commandGateway = commandGateway;
        this.validator = validator;
    }

    /**
     * Fails at once with {@link InvalidOperation} or {@link ChargerNotConnected}; otherwise completes with the
     * recorded outcome, whatever the charger did.
     */
    public CompletableFuture<OperationResult> execute(String chargePointId, String action, JsonNode payload,
                                                      String requestedBy) {
        if (!SUPPORTED.contains(action)) {
            return CompletableFuture.failedFuture(new InvalidOperation("operation",
                    "Unknown operation '" + action + "'; supported: " + String.join(", ", SUPPORTED.stream().sorted().toList())));
        }
        Optional<ValidationFailure> invalid = validator.validateRequest(action, payload);
        if (invalid.isPresent()) {
            return CompletableFuture.failedFuture(new InvalidOperation("payload", invalid.get().description()));
        }
        if (!gateway.isConnected(chargePointId)) {
            return CompletableFuture.failedFuture(new ChargerNotConnected(chargePointId));
        }
        String operationId = UUID.randomUUID().toString();
        // the outcome is recorded on another thread than the request: name the actor explicitly
        MetaData who = MetaData.with("actor", "user:" + requestedBy).and("operationId", operationId);
        return commandGateway.send(new RecordOperationRequest(chargePointId, operationId, action, payload.toString(),
                        requestedBy), who)
                .thenCompose(recorded -> gateway.call(chargePointId, action, payload)
                        .handle((answer, error) -> outcome(operationId, chargePointId, action, answer, error)))
                .thenCompose(result -> commandGateway.send(new RecordOperationOutcome(chargePointId, operationId,
                                action, result.outcome(), result.response() == null ? null : result.response().toString(),
                                result.errorCode(), result.errorDescription()), who)
                        .thenApply(recorded -> result));
    }

    private OperationResult outcome(String operationId, String chargePointId, String action, JsonNode answer,
                                    Throwable error) {
        if (error == null) {
            Optional<ValidationFailure> invalid = validator.validateResponse(action, answer);
            if (invalid.isPresent()) {
                return new OperationResult(operationId, chargePointId, action, OperationOutcome.CALL_ERROR, answer,
                        invalid.get().code().wireName(), "The charger's answer breaks the OCPP schema: "
                        + invalid.get().description());
            }
            return new OperationResult(operationId, chargePointId, action, OperationOutcome.ANSWERED, answer, null, null);
        }
        Throwable cause = unwrap(error);
        if (cause instanceof CallErrorReceived callError) {
            return new OperationResult(operationId, chargePointId, action, OperationOutcome.CALL_ERROR, null,
                    callError.errorCode(), callError.errorDescription());
        }
        if (cause instanceof CallTimedOut) {
            return new OperationResult(operationId, chargePointId, action, OperationOutcome.TIMED_OUT, null, null,
                    cause.getMessage());
        }
        return new OperationResult(operationId, chargePointId, action, OperationOutcome.CONNECTION_LOST, null, null,
                cause.getMessage());
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
