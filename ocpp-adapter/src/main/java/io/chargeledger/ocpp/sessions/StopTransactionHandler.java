package io.chargeledger.ocpp.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chargeledger.charger.api.RecordUnknownTransactionStop;
import io.chargeledger.ocpp.frame.OcppFrames;
import io.chargeledger.ocpp.handlers.OcppCallContext;
import io.chargeledger.ocpp.handlers.OcppCallHandler;
import io.chargeledger.ocpp.handlers.OcppTime;
import io.chargeledger.ocpp.sessions.TransactionRegistry.IssuedTransaction;
import io.chargeledger.session.api.IdTagInfo;
import io.chargeledger.session.api.IdTokens;
import io.chargeledger.session.api.StopSession;
import io.chargeledger.session.api.StopSessionAndReleaseSlot;
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

        Optional<IssuedTransaction> transaction = transactions.issued(transactionId)
                .filter(t -> t.chargePointId().equals(context.chargePointId()));
        if (transaction.isEmpty()) {
            return commands.send(new RecordUnknownTransactionStop(context.chargePointId(), transactionId, meterStop,
                            timestamp, reason, idTag), context.metaData())
                    .thenCompose(recorded -> idTag == null ? CompletableFuture.completedFuture(null)
                            : decisions.authorize(idTag, context))
                    .thenApply(StopTransactionHandler::answer);
        }
        IssuedTransaction stopped = transaction.get();
        CompletableFuture<Object> stoppedAndReleased = commands.send(new StopSessionAndReleaseSlot(new StopSession(
                stopped.sessionId(), meterStop, timestamp, context.receivedAt(), reason, idTag,
                MeterSamples.from(payload.get("transactionData")))), context.metaData());
        // The answer's idTagInfo is for the tag that stopped: mostly the session's own, whose standing the release
        // answers; another tag is asked beside it.
        if (idTag == null) {
            return stoppedAndReleased.thenApply(released -> answer(null));
        }
        if (IdTokens.sameToken(idTag, stopped.idTag())) {
            return stoppedAndReleased.thenApply(released -> answer((IdTagInfo) released));
        }
        return stoppedAndReleased.thenCombine(decisions.authorize(idTag, context), (released, info) -> answer(info));
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
