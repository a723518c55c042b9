package io.chargeledger.ocpp.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import io.chargeledger.charger.api.RecordFirmwareStatus;
import io.chargeledger.ocpp.frame.OcppFrames;
import java.util.concurrent.CompletionStage;
import org.axonframework.commandhandling.gateway.CommandGateway;

public class FirmwareStatusNotificationHandler implements OcppCallHandler {

    private final CommandGateway commands;

    public FirmwareStatusNotificationHandler(CommandGateway commands) {
        this.commands = commands;
    }

    @Override
    public String action() {
        return "FirmwareStatusNotification";
    }

    @Override
    public CompletionStage<JsonNode> handle(OcppCallContext context, JsonNode payload) {
        return commands.send(new RecordFirmwareStatus(context.chargePointId(), payload.get("status").asText()), context.metaData())
                .thenApply(stored -> OcppFrames.object());
    }
}
