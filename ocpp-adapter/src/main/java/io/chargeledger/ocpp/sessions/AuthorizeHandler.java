package io.chargeledger.ocpp.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import io.chargeledger.ocpp.frame.OcppFrames;
import io.chargeledger.ocpp.handlers.OcppCallContext;
import io.chargeledger.ocpp.handlers.OcppCallHandler;
import java.util.concurrent.CompletionStage;
import org.axonframework.commandhandling.gateway.CommandGateway;

/** Authorize: Accepted, Blocked, Expired or Invalid, decided by the IdTag aggregate. */
public class AuthorizeHandler implements OcppCallHandler {

    private final IdTagDecisions decisions;

    public AuthorizeHandler(CommandGateway commands) {
        this.decisions = new IdTagDecisions(commands);
    }

    @Override
    public String action() {
        return "Authorize";
    }

    @Override
    public CompletionStage<JsonNode> handle(OcppCallContext context, JsonNode payload) {
        return decisions.authorize(payload.get("idTag").asText(), context)
                .thenApply(info -> OcppFrames.object().set("idTagInfo", IdTagDecisions.toJson(info)));
    }
}
