package io.chargeledger.ocpp.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chargeledger.charger.api.BootInfo;
import io.chargeledger.charger.api.RecordBootNotification;
import io.chargeledger.charger.api.RegistrationStatus;
import io.chargeledger.ocpp.frame.OcppFrames;
import io.chargeledger.ocpp.frame.OcppJson;
import io.chargeledger.ocpp.server.OcppSettings;
import java.util.concurrent.CompletionStage;
import org.axonframework.commandhandling.gateway.CommandGateway;

/** Records the boot and answers Accepted (with the heartbeat interval) or Pending (with when to retry). */
public class BootNotificationHandler implements OcppCallHandler {

    private final CommandGateway commands;
    private final OcppSettings settings;

    public BootNotificationHandler(CommandGateway commands, OcppSettings settings) {
        this.commands = commands;
        this.settings = settings;
    }

    @Override
    public String action() {
        return "BootNotification";
    }

    @Override
    public CompletionStage<JsonNode> handle(OcppCallContext context, JsonNode payload) {
        BootInfo boot = new BootInfo(text(payload, "chargePointVendor"), text(payload, "chargePointModel"),
                text(payload, "chargePointSerialNumber"), text(payload, "chargeBoxSerialNumber"),
                text(payload, "firmwareVersion"), text(payload, "iccid"), text(payload, "imsi"),
                text(payload, "meterType"), text(payload, "meterSerialNumber"));
        return commands.<RegistrationStatus>send(new RecordBootNotification(context.chargePointId(), boot), context.metaData())
                .thenApply(status -> {
                    context.connection().registrationStatus(status);
                    ObjectNode answer = OcppFrames.object();
                    answer.put("status", switch (status) {
                        case ACCEPTED -> "Accepted";
                        case PENDING, NEVER_BOOTED -> "Pending";
                        case REJECTED -> "Rejected";
                    });
                    answer.put("currentTime", OcppJson.now());
                    answer.put("interval", (int) (status.accepted() ? settings.heartbeatInterval()
                            : settings.pendingRetryInterval()).toSeconds());
                    return answer;
                });
    }

    static String text(JsonNode payload, String field) {
        JsonNode value = payload.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
