package io.chargeledger.ocpp.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletableFuture;

/**
 * Sends a CALL to a charger and completes with its CALLRESULT payload; fails with {@link ChargerNotConnected},
 * {@link CallTimedOut}, {@link CallErrorReceived} or {@link ConnectionLost}. The call must run on the node that
 * holds the charger's socket: this is the seam where a multi-node router plugs in.
 */
public interface ChargePointGateway {

    CompletableFuture<JsonNode> call(String chargePointId, String action, JsonNode payload);

    boolean isConnected(String chargePointId);
}
