package io.chargeledger.ocpp.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import io.chargeledger.ocpp.frame.OcppFrames;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** No vendor extensions are implemented, so every vendorId is unknown (OCPP 1.6 section 4.3). */
public class DataTransferHandler implements OcppCallHandler {

    @Override
    public String action() {
        return "DataTransfer";
    }

    @Override
    public CompletionStage<JsonNode> handle(OcppCallContext context, JsonNode payload) {
        return CompletableFuture.completedFuture(OcppFrames.object().put("status", "UnknownVendorId"));
    }
}
