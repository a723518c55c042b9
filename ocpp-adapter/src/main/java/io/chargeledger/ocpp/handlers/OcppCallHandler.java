package io.chargeledger.ocpp.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletionStage;

/**
 * Handles one inbound OCPP action (BootNotification, StartTransaction, ...). The payload has already been
 * validated against the action's schema and the charger's registration checked. The returned stage completes
 * with the CALLRESULT payload only after whatever the call records is stored.
 */
public interface OcppCallHandler {

    String action();

    CompletionStage<JsonNode> handle(OcppCallContext context, JsonNode payload);
}
