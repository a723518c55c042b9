package io.chargeledger.ocpp.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chargeledger.charger.api.DescribeChargerTariff;
import io.chargeledger.charger.api.Pricing;
import io.chargeledger.ocpp.frame.OcppFrames;
import io.chargeledger.ocpp.handlers.OcppCallContext;
import io.chargeledger.ocpp.handlers.OcppCallHandler;
import io.chargeledger.ocpp.handlers.OcppTime;
import io.chargeledger.ocpp.sessions.TransactionRegistry.Transaction;
import io.chargeledger.session.api.ClaimSlotAndStartSession;
import io.chargeledger.session.api.CloseSupersededSession;
import io.chargeledger.session.api.IdTagInfo;
import io.chargeledger.session.api.IdTokens;
import io.chargeledger.session.api.StartSession;
import io.chargeledger.session.api.Tariff;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.IdentifierFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * StartTransaction is always answered with a transactionId and idTagInfo, even for an unknown or blocked tag:
 * the charger may already deliver energy, so the session is recorded (flagged as not authorized) either way.
 * <ul>
 *   <li>A repeated StartTransaction (its answer was lost) returns the first transactionId; no second session.</li>
 *   <li>A start that matches a pending remote start binds to that session.</li>
 *   <li>A start on a connector that still has an open session closes the old one as superseded (anomaly).</li>
 * </ul>
 */
public class StartTransactionHandler implements OcppCallHandler {

    private static final Logger log = LoggerFactory.getLogger(StartTransactionHandler.class);

    private final CommandGateway commands;
    private final TransactionRegistry transactions;
    private final IdTagDecisions decisions;

    public StartTransactionHandler(CommandGateway commands, TransactionRegistry transactions) {
        this.commands = commands;
        this.transactions = transactions;
        this.decisions = new IdTagDecisions(commands);
    }

    @Override
    public String action() {
        return "StartTransaction";
    }

    @Override
    public CompletionStage<JsonNode> handle(OcppCallContext context, JsonNode payload) {
        String chargePointId = context.chargePointId();
        int connectorId = payload.get("connectorId").asInt();
        String idTag = payload.get("idTag").asText();
        long meterStart = payload.get("meterStart").asLong();
        Instant timestamp = OcppTime.parse(payload.get("timestamp").asText());
        Integer reservationId = payload.hasNonNull("reservationId") ? payload.get("reservationId").asInt() : null;
        String startKey = TransactionRegistry.startKey(chargePointId, connectorId, IdTokens.canonical(idTag), timestamp,
                meterStart);

        // asked while the registry is looked up (a retried start does not need it)
        CompletableFuture<Pricing> tariff = commands.send(new DescribeChargerTariff(chargePointId), context.metaData());
        TransactionRegistry.StartLookup known = transactions.lookUpStart(startKey, chargePointId, connectorId, idTag,
                context.receivedAt());
        if (known.retried().isPresent()) {
            return answerAgain(known.retried().get(), idTag, context);
        }
        String sessionId = known.remoteStart().map(TransactionRegistry.PendingRemoteStart::sessionId)
                .orElseGet(() -> IdentifierFactory.getInstance().generateIdentifier());
        // A charger's calls are processed one at a time, so nothing else opens or closes a session on this connector
        // until this start is answered.
        Optional<Transaction> stillOpen = known.openOnConnector().filter(old -> !old.sessionId().equals(sessionId));

        CompletableFuture<JsonNode> answered = tariff.thenCompose(pricing -> closeSuperseded(context, stillOpen,
                sessionId, timestamp).thenCompose(closed -> {
            int transactionId = transactions.allocateTransactionId();
            // no authorization yet: the claim of the tag's slot decides it, in the same step
            StartSession start = new StartSession(sessionId, transactionId, chargePointId, connectorId, idTag,
                    meterStart, timestamp, context.receivedAt(), toTariff(pricing), null, reservationId);
            return commands.send(new ClaimSlotAndStartSession(start, known.remoteStart().isPresent()), context.metaData())
                    .thenApply(authorization -> answer(transactionId, (IdTagInfo) authorization));
        }));
        return answered.exceptionallyCompose(failure -> raceOrFailure(startKey, idTag, context, failure));
    }

    /**
     * A concurrent retry won the race (the start key is unique): answer with its transaction. The failed start
     * stored nothing, its claim neither.
     */
    private CompletionStage<JsonNode> raceOrFailure(String startKey, String idTag, OcppCallContext context,
                                                    Throwable failure) {
        Optional<Transaction> winner = transactions.findByStartKey(startKey);
        if (winner.isPresent()) {
            log.info("StartTransaction of {} was a concurrent retry; answering transaction {}", context.chargePointId(),
                    winner.get().transactionId());
            return answerAgain(winner.get(), idTag, context);
        }
        return CompletableFuture.failedFuture(failure instanceof CompletionException c && c.getCause() != null
                ? c.getCause() : failure);
    }

    /** The session still open on the connector (its StopTransaction was lost) is closed before the new one starts. */
    private CompletionStage<Void> closeSuperseded(OcppCallContext context, Optional<Transaction> open, String newSessionId,
                                                  Instant at) {
        if (open.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        log.warn("New start on {} connector {} while session {} is open; closing it as superseded",
                context.chargePointId(), open.get().connectorId(), open.get().sessionId());
        return commands.send(new CloseSupersededSession(open.get().sessionId(), at, newSessionId), context.metaData())
                .thenApply(x -> null);
    }

    private CompletionStage<JsonNode> answerAgain(Transaction transaction, String idTag, OcppCallContext context) {
        return decisions.authorize(idTag, context).thenApply(info -> answer(transaction.transactionId(), info));
    }

    private static JsonNode answer(int transactionId, IdTagInfo authorization) {
        ObjectNode answer = OcppFrames.object();
        answer.put("transactionId", transactionId);
        answer.set("idTagInfo", IdTagDecisions.toJson(authorization));
        return answer;
    }

    private static Tariff toTariff(Pricing pricing) {
        return pricing == null ? null : new Tariff(pricing.pricePerKwh(), pricing.currency(), pricing.sessionFee());
    }
}
