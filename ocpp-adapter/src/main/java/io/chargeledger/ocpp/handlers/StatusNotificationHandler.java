package io.chargeledger.ocpp.handlers;

import static io.chargeledger.ocpp.handlers.BootNotificationHandler.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.chargeledger.charger.api.RecordConnectorStatus;
import io.chargeledger.ocpp.frame.OcppFrames;
import java.util.concurrent.CompletionStage;
import org.axonframework.commandhandling.gateway.CommandGateway;

/** Records a connector's status on the Charger aggregate (which stores nothing when nothing changed). */
public class StatusNotificationHandler implements OcppCallHandler {

    private final CommandGateway commands;

    public StatusNotificationHandler(CommandGateway commands) {
        this.commands = commands;
    }

    @Override
    public String action() {
        return "StatusNotification";
    }

    @Override
    public CompletionStage<JsonNode> handle(OcppCallContext context, JsonNode payload) {
        String timestamp = text(payload, "timestamp");
        RecordConnectorStatus command = new RecordConnectorStatus(context.chargePointId(),
                payload.get("connectorId").asInt(), text(payload, "status"), text(payload, "errorCode"),
                text(payload, "info"), text(payload, "vendorId"), text(payload, "vendorErrorCode"),
                timestamp == null ? null : OcppTime.parse(timestamp));
        return commands.send(command, context.metaData()).thenApply(stored -> OcppFrames.object());
    }
}
