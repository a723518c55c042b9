package io.chargeledger.ocpp.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import io.chargeledger.ocpp.frame.OcppFrames;
import io.chargeledger.ocpp.handlers.OcppCallContext;
import io.chargeledger.ocpp.handlers.OcppCallHandler;
import io.chargeledger.session.api.MeterSample;
import io.chargeledger.session.api.RecordMeterValues;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Meter values of a transaction are recorded on its session (resolved through the consistent transaction
 * registry). Values without a transaction, or for a transactionId nobody issued, are acknowledged: refusing
 * them would only make the charger resend them forever.
 */
public class MeterValuesHandler implements OcppCallHandler {

    private static final Logger log = LoggerFactory.getLogger(MeterValuesHandler.class);

    private final CommandGateway commands;
    private final TransactionRegistry transactions;

    public MeterValuesHandler(CommandGateway commands, TransactionRegistry transactions) {
        this.commands = commands;
        this.transactions = transactions;
    }

    @Override
    public String action() {
        return "MeterValues";
    }

    @Override
    public CompletionStage<JsonNode> handle(OcppCallContext context, JsonNode payload) {
        if (!payload.hasNonNull("transactionId")) {
            return CompletableFuture.completedFuture(OcppFrames.object());
        }
        int transactionId = payload.get("transactionId").asInt();
        Optional<TransactionRegistry.IssuedTransaction> transaction = transactions.issued(transactionId)
                .filter(t -> t.chargePointId().equals(context.chargePointId()));
        List<MeterSample> samples = MeterSamples.from(payload.get("meterValue"));
        if (transaction.isEmpty()) {
            log.warn("MeterValues from {} for unknown transaction {} acknowledged and ignored", context.chargePointId(),
                    transactionId);
            return CompletableFuture.completedFuture(OcppFrames.object());
        }
        if (samples.isEmpty()) {
            return CompletableFuture.completedFuture(OcppFrames.object());
        }
        return commands.send(new RecordMeterValues(transaction.get().sessionId(), samples), context.metaData())
                .thenApply(stored -> OcppFrames.object());
    }
}
