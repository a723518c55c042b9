package io.chargeledger.ocpp.sessions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chargeledger.ocpp.frame.OcppFrames;
import io.chargeledger.ocpp.frame.OcppJson;
import io.chargeledger.session.api.AuthorizeIdTag;
import io.chargeledger.session.api.IdTagInfo;
import io.chargeledger.ocpp.handlers.OcppCallContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * Asks the IdTag aggregate (consistent state, never a lagging read model). Only "no such tag" means Invalid;
 * any other failure (database down...) stays a failure, so the charger gets a retryable CALLERROR instead of a
 * wrong Invalid.
 */
final class IdTagDecisions {

    private final CommandGateway commands;

    IdTagDecisions(CommandGateway commands) {
        this.commands = commands;
    }

    CompletionStage<IdTagInfo> authorize(String idTag, OcppCallContext context) {
        return orInvalid(commands.send(new AuthorizeIdTag(idTag, context.receivedAt()), context.metaData()));
    }

    private static CompletionStage<IdTagInfo> orInvalid(CompletableFuture<Object> decision) {
        return decision.handle((info, error) -> {
            if (error == null) {
                return (IdTagInfo) info;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof AggregateNotFoundException) {
                return IdTagInfo.invalid();
            }
            throw error instanceof CompletionException completion ? completion : new CompletionException(cause);
        });
    }

    static ObjectNode toJson(IdTagInfo info) {
        ObjectNode json = OcppFrames.object().put("status", info.status().name());
        if (info.expiryDate() != null) {
            json.put("expiryDate", OcppJson.timestamp(info.expiryDate()));
        }
        if (info.parentIdTag() != null) {
            json.put("parentIdTag", info.parentIdTag());
        }
        return json;
    }

}
