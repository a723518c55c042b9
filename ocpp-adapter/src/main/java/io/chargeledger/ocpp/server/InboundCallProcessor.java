package io.chargeledger.ocpp.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.chargeledger.charger.api.ChargerDecommissionedException;
import io.chargeledger.ocpp.connection.ChargePointConnection;
import io.chargeledger.ocpp.frame.Frame;
import io.chargeledger.ocpp.frame.OcppFrames;
import io.chargeledger.ocpp.frame.ParsedFrame;
import io.chargeledger.ocpp.handlers.CallRejected;
import io.chargeledger.ocpp.handlers.OcppCallContext;
import io.chargeledger.ocpp.handlers.OcppCallHandler;
import io.chargeledger.ocpp.outbound.LocalChargePointGateway;
import io.chargeledger.ocpp.validation.CallErrorCode;
import io.chargeledger.ocpp.validation.OcppMessageValidator;
import io.chargeledger.ocpp.validation.ValidationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Turns inbound text frames into answers: parse, check, validate, hand to the action's handler, and answer
 * with a CALLRESULT once the handler's work is stored, or with the CALLERROR OCPP-J prescribes.
 * CALLs of one connection are processed one at a time, in order; other connections are never blocked.
 */
public class InboundCallProcessor {

    private static final Logger log = LoggerFactory.getLogger(InboundCallProcessor.class);
    private static final String BOOT_NOTIFICATION = "BootNotification";

    private final OcppMessageValidator validator;
    private final Map<String, OcppCallHandler> handlers;
    private final LocalChargePointGateway gateway;
    private final OcppMetrics metrics;

    public InboundCallProcessor(OcppMessageValidator validator, List<OcppCallHandler> handlers,
                                LocalChargePointGateway gateway, OcppMetrics metrics) {
        this.validator = validator;
        this.handlers = handlers.stream().collect(Collectors.toMap(OcppCallHandler::action, Function.identity()));
        this.gateway = gateway;
        this.metrics = metrics;
    }

    public void onText(ChargePointConnection connection, String text) {
        connection.seen(Instant.now());
        ParsedFrame parsed = OcppFrames.parse(text);
        if (parsed instanceof ParsedFrame.Malformed malformed) {
            metrics.malformed(malformed.answerable() ? "answered" : "closed");
            if (malformed.answerable()) {
                connection.send(OcppFrames.callError(malformed.messageId(), malformed.code(), malformed.description()));
            } else {
                log.info("Closing the connection of {}: {}", connection.chargePointId(), malformed.description());
                connection.close(malformed.closeCode(), malformed.description());
            }
            return;
        }
        Frame frame = ((ParsedFrame.WellFormed) parsed).frame();
        if (frame instanceof Frame.Call call) {
            switch (connection.offerInbound(call)) {
                case DUPLICATE -> connection.send(OcppFrames.callError(call.messageId(), CallErrorCode.PROTOCOL_ERROR,
                        "Message id " + call.messageId() + " is already being processed"));
                case QUEUED -> drain(connection);
                case CLOSED -> { }
            }
        } else {
            gateway.onAnswer(connection, frame);
        }
    }

    /** Processes the next queued CALL of the connection, if none is in progress. */
    public void drain(ChargePointConnection connection) {
        Frame.Call call = connection.takeInbound();
        if (call == null) {
            return;
        }
        Instant receivedAt = Instant.now();
        process(connection, call, receivedAt).whenComplete((answer, unexpected) -> {
            String frame = unexpected == null ? answer : OcppFrames.callError(call.messageId(),
                    CallErrorCode.INTERNAL_ERROR, "Internal error; retry later");
            connection.send(frame);
            connection.inboundDone(call.messageId());
            drain(connection);
        });
    }

    private CompletionStage<String> process(ChargePointConnection connection, Frame.Call call, Instant receivedAt) {
        String action = call.action();
        Optional<ValidationFailure> refusal = check(connection, call);
        if (refusal.isPresent()) {
            metrics.inbound(metricAction(action), refusal.get().code().wireName(), elapsed(receivedAt));
            return CompletableFuture.completedFuture(
                    OcppFrames.callError(call.messageId(), refusal.get().code(), refusal.get().description()));
        }
        OcppCallHandler handler = handlers.get(action);
        CompletionStage<JsonNode> result;
        MDC.put("chargePointId", connection.chargePointId());
        try {
            result = handler.handle(new OcppCallContext(connection, call.messageId(), action, receivedAt), call.payload());
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        } finally {
            MDC.remove("chargePointId");
        }
        return result.handle((payload, error) -> {
            ValidationFailure failure = error == null ? checkAnswer(connection, action, payload) : toCallError(connection, action, error);
            metrics.inbound(action, failure == null ? "result" : failure.code().wireName(), elapsed(receivedAt));
            return failure == null
                    ? OcppFrames.callResult(call.messageId(), payload)
                    : OcppFrames.callError(call.messageId(), failure.code(), failure.description());
        });
    }

    private Optional<ValidationFailure> check(ChargePointConnection connection, Frame.Call call) {
        String action = call.action();
        if (!validator.isKnownAction(action)) {
            return Optional.of(new ValidationFailure(CallErrorCode.NOT_IMPLEMENTED, "Unknown action '" + action + "'"));
        }
        if (!validator.isChargePointInitiated(action)) {
            return Optional.of(new ValidationFailure(CallErrorCode.NOT_SUPPORTED,
                    action + " is sent by a central system to a charge point, not the other way round"));
        }
        Optional<ValidationFailure> invalid = validator.validateRequest(action, call.payload());
        if (invalid.isPresent()) {
            return invalid;
        }
        if (!BOOT_NOTIFICATION.equals(action) && !connection.registrationStatus().accepted()) {
            return Optional.of(new ValidationFailure(CallErrorCode.SECURITY_ERROR,
                    "The charge point must be accepted through BootNotification first (registration status: "
                            + connection.registrationStatus() + ")"));
        }
        if (!handlers.containsKey(action)) {
            return Optional.of(new ValidationFailure(CallErrorCode.NOT_SUPPORTED,
                    action + " is not supported by this central system"));
        }
        return Optional.empty();
    }

    /** Never send a payload the OCPP schemas reject: a bug here must not confuse a charger. */
    private ValidationFailure checkAnswer(ChargePointConnection connection, String action, JsonNode payload) {
        Optional<ValidationFailure> invalid = validator.validateResponse(action, payload);
        if (invalid.isPresent()) {
            log.error("Answer to {} from {} breaks the OCPP schema ({}): {}", action, connection.chargePointId(),
                    invalid.get().description(), payload);
            return new ValidationFailure(CallErrorCode.INTERNAL_ERROR, "Internal error building the answer");
        }
        return null;
    }

    private static ValidationFailure toCallError(ChargePointConnection connection, String action, Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof CallRejected rejected) {
            return new ValidationFailure(rejected.code(), rejected.getMessage());
        }
        if (cause instanceof ChargerDecommissionedException) {
            return new ValidationFailure(CallErrorCode.SECURITY_ERROR, "This charge point is decommissioned");
        }
        // Storage or infrastructure trouble: a retryable error, never a made-up business answer.
        log.error("Could not process {} from {}", action, connection.chargePointId(), cause);
        return new ValidationFailure(CallErrorCode.INTERNAL_ERROR,
                "Could not process " + action + " right now; nothing was recorded unless a retry says so. Retry later");
    }

    static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private String metricAction(String action) {
        // unknown actions are attacker-chosen strings: do not let them create unbounded meter names
        return validator.isKnownAction(action) ? action : "unknown";
    }

    private static Duration elapsed(Instant since) {
        return Duration.between(since, Instant.now());
    }
}
