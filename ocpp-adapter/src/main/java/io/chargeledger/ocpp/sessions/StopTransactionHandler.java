package io.chargeledger.ocpp.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chargeledger.charger.api.RecordUnknownTransactionStop;
import io.chargeledger.ocpp.frame.OcppFrames;
import io.chargeledger.ocpp.handlers.OcppCallContext;
import io.chargeledger.ocpp.handlers.OcppCallHandler;
import io.chargeledger.ocpp.handlers.OcppTime;
import io.chargeledger.ocpp.sessions.TransactionRegistry.Transaction;
import io.chargeledger.session.api.IdTagInfo;
import io.chargeledger.session.api.IdTokens;
import io.chargeledger.session.api.StopSession;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.axonframework.commandhandling.gateway.CommandGateway;

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
        if (transaction.isEmpty()) {
            return commands.send(new RecordUnknownTransactionStop(context.chargePointId(), transactionId, meterStop,
                            timestamp, reason, idTag), context.metaData())
                    .thenCompose(recorded -> idTag == null ? CompletableFuture.completedFuture(null)
                            : decisions.authorize(idTag, context))
                    .thenApply(StopTransactionHandler::answer);
        }
        Transaction stopped = transaction.get();
        return commands.send(new StopSession(stopped.sessionId(), meterStop, timestamp, context.receivedAt(), reason,
                        idTag, MeterSamples.from(payload.get("transactionData"))), context.metaData())
                .thenCompose(done -> answerAndRelease(stopped, idTag, context))
                .thenApply(StopTransactionHandler::answer);
    }

    /**
     * Frees the session's slot of its tag, and decides the idTagInfo the answer carries. Mostly the tag that stops is
     * the one that started, and the release answers for it; another tag is asked beside the release.
     */
    private CompletionStage<IdTagInfo> answerAndRelease(Transaction stopped, String idTag, OcppCallContext context) {
        CompletionStage<IdTagInfo> released = decisions.release(stopped.idTag(), stopped.sessionId(), context);
        if (idTag != null && IdTokens.sameToken(idTag, stopped.idTag())) {
            return released;
        }
        CompletionStage<IdTagInfo> stopping = idTag == null ? CompletableFuture.completedFuture(null)
                : decisions.authorize(idTag, context);
        return released.thenCombine(stopping, (release, info) -> info);
    }

    /** idTagInfo only when the charger sent the idTag that stopped the transaction. */
    private static JsonNode answer(IdTagInfo info) {
        ObjectNode answer = OcppFrames.object();
        if (info != null) {
            answer.set("idTagInfo", IdTagDecisions.toJson(info));
        }
        return answer;
    }
}
