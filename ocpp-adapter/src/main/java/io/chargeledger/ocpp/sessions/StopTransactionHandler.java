package io.chargeledger.ocpp.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chargeledger.charger.api.RecordUnknownTransactionStop;
import io.chargeledger.ocpp.frame.OcppFrames;
import io.chargeledger.ocpp.handlers.OcppCallContext;
import io.chargeledger.ocpp.handlers.OcppCallHandler;
import io.chargeledger.ocpp.handlers.OcppTime;
import io.chargeledger.session.api.ReleaseSessionSlot;
import io.chargeledger.session.api.StopSession;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * StopTransaction completes its session (energy and cost from the charger's meter readings; transactionData
 * recorded as meter values). A repeated stop changes nothing. A stop for a transactionId nobody issued is still
 * answered with a CALLRESULT, and recorded on the charger for audit: chargers retry errors forever.
 */
public class StopTransactionHandler implements OcppCallHandler {

    private final CommandGateway commands;
    private final TransactionRegistry transactions;
    private final IdTagDecisions decisions;

    public StopTransactionHandler(CommandGateway commands, TransactionRegistry transactions) {
        this.commands = commands;
        this.transactions = transactions;
        this.decisions = new IdTagDecisions(commands);
    }

    @Override
    public String action() {
        return "StopTransaction";
    }

    @Override
    public CompletionStage<JsonNode> handle(OcppCallContext context, JsonNode payload) {
        int transactionId = payload.get("transactionId").asInt();
        long meterStop = payload.get("meterStop").asLong();
        Instant timestamp = OcppTime.parse(payload.get("timestamp").asText());
        String reason = payload.hasNonNull("reason") ? payload.get("reason").asText() : null;
        String idTag = payload.hasNonNull("idTag") ? payload.get("idTag").asText() : null;

        Optional<TransactionRegistry.Transaction> transaction = transactions.findByTransactionId(transactionId)
                .filter(t -> t.chargePointId().equals(context.chargePointId()));
        CompletableFuture<Object> recorded = transaction.isEmpty()
                ? commands.send(new RecordUnknownTransactionStop(context.chargePointId(), transactionId, meterStop,
                        timestamp, reason, idTag), context.metaData())
                : commands.send(new StopSession(transaction.get().sessionId(), meterStop, timestamp, context.receivedAt(),
                        reason, idTag, MeterSamples.from(payload.get("transactionData"))), context.metaData())
                .thenCompose(stopped -> release(transaction.get(), context));
        return recorded.thenCompose(done -> idTag == null
                ? CompletableFuture.completedFuture((JsonNode) OcppFrames.object())
                : decisions.authorize(idTag, context).thenApply(info -> {
                    ObjectNode answer = OcppFrames.object();
                    answer.set("idTagInfo", IdTagDecisions.toJson(info));
                    return (JsonNode) answer;
                }));
    }

    /** Frees the tag's concurrency slot; a tag deleted or never registered holds none. */
    private CompletableFuture<Object> release(TransactionRegistry.Transaction transaction, OcppCallContext context) {
        return commands.send(new ReleaseSessionSlot(transaction.idTag(), transaction.sessionId()), context.metaData())
                .handle((released, error) -> {
                    Throwable cause = error instanceof CompletionException c && c.getCause() != null ? c.getCause() : error;
                    if (error == null || cause instanceof AggregateNotFoundException) {
                        return null;
                    }
                    throw new CompletionException(cause);
                });
    }
}
