package io.chargeledger.ocpp.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import io.chargeledger.ocpp.frame.OcppFrames;
import io.chargeledger.ocpp.frame.OcppJson;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Answers at once with the server time. Nothing is stored: the frame already refreshed the connection's
 * in-memory liveness, which the liveness monitor writes to the read model in batches.
 */
public class HeartbeatHandler implements OcppCallHandler {

    @Override
    public String action() {
        return "Heartbeat";
    }

    @Override
    public CompletionStage<JsonNode> handle(OcppCallContext context, JsonNode payload) {
        return CompletableFuture.completedFuture(OcppFrames.object().put("currentTime", OcppJson.now()));
    }
}
