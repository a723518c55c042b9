package io.chargeledger.ocpp.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import io.chargeledger.charger.api.RecordDiagnosticsStatus;
import io.chargeledger.ocpp.frame.OcppFrames;
import java.util.concurrent.CompletionStage;
import org.axonframework.commandhandling.gateway.CommandGateway;

public class DiagnosticsStatusNotificationHandler implements OcppCallHandler {

    private final CommandGateway commands;

    public DiagnosticsStatusNotificationHandler(CommandGateway commands) {
        this.commands = commands;
    }

    @Override
    public String action() {
        return "DiagnosticsStatusNotification";
    }

    @Override
    public CompletionStage<JsonNode> handle(OcppCallContext context, JsonNode payload) {
        return commands.send(new RecordDiagnosticsStatus(context.chargePointId(), payload.get("status").asText()), context.metaData())
                .thenApply(stored -> OcppFrames.object());
    }
}
