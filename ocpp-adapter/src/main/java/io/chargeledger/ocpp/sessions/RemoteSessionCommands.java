package io.chargeledger.ocpp.sessions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chargeledger.charger.api.ChargerBooted;
import io.chargeledger.ocpp.frame.OcppFrames;
import io.chargeledger.ocpp.outbound.CallTimedOut;
import io.chargeledger.ocpp.outbound.ChargePointGateway;
import io.chargeledger.session.api.FlagSessionAnomaly;
import io.chargeledger.session.api.RecordRemoteStartAnswer;
import io.chargeledger.session.api.RemoteStartRequested;
import io.chargeledger.session.api.RemoteStopRequested;
import io.chargeledger.session.api.SessionAnomalies;
import java.util.concurrent.CompletionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns session events into calls to chargers: a requested remote start becomes RemoteStartTransaction, a
 * requested remote stop RemoteStopTransaction, and a reboot while sessions are open is flagged on them.
 * Subscribing (runs where the event is published, never replayed), and each call goes out only after the event
 * is committed.
 */
@ProcessingGroup(RemoteSessionCommands.PROCESSING_GROUP)
public class RemoteSessionCommands {

    public static final String PROCESSING_GROUP = "ocpp-session-commands";
    private static final Logger log = LoggerFactory.getLogger(RemoteSessionCommands.class);
    private static final MetaData ACTOR = MetaData.with("actor", "system:" + PROCESSING_GROUP);

    private final ChargePointGateway gateway;
    private final CommandGateway commands;
    private final TransactionRegistry transactions;

    public RemoteSessionCommands(ChargePointGateway gateway, CommandGateway commands, TransactionRegistry transactions) {
        this.gateway = gateway;
        this.commands = commands;
        this.transactions = transactions;
    }

    @EventHandler
    void on(RemoteStartRequested event) {
        afterCommit(() -> {
            ObjectNode request = OcppFrames.object();
            if (event.connectorId() != null) {
                request.put("connectorId", event.connectorId());
            }
            request.put("idTag", event.idTag());
            gateway.call(event.chargePointId(), "RemoteStartTransaction", request).whenComplete((answer, error) -> {
                if (error != null && unwrap(error) instanceof CallTimedOut) {
                    // no answer is not a no: the charger may still start; the request window decides
                    log.warn("No answer to RemoteStartTransaction for session {}", event.sessionId());
                    return;
                }
                boolean accepted = error == null && "Accepted".equals(answer.path("status").asText());
                if (error != null) {
                    log.warn("RemoteStartTransaction for session {} failed: {}", event.sessionId(), unwrap(error).getMessage());
                }
                commands.send(new RecordRemoteStartAnswer(event.sessionId(), accepted), ACTOR);
            });
        });
    }

    @EventHandler
    void on(RemoteStopRequested event) {
        afterCommit(() -> gateway.call(event.chargePointId(), "RemoteStopTransaction",
                        OcppFrames.object().put("transactionId", event.transactionId()))
                .whenComplete((answer, error) -> {
                    if (error == null && "Accepted".equals(answer.path("status").asText())) {
                        return; // the charger's StopTransaction completes the session
                    }
                    String detail = error != null ? unwrap(error).getMessage() : "Charger answered " + answer;
                    commands.send(new FlagSessionAnomaly(event.sessionId(), "REMOTE_STOP_NOT_ACCEPTED", detail), ACTOR);
                }));
    }

    @EventHandler
    void on(ChargerBooted event) {
        afterCommit(() -> transactions.openOnCharger(event.chargePointId()).forEach(open ->
                commands.send(new FlagSessionAnomaly(open.sessionId(), SessionAnomalies.CHARGER_REBOOTED_MID_SESSION,
                        "BootNotification received while transaction " + open.transactionId() + " was open"), ACTOR)));
    }

    private static void afterCommit(Runnable action) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> action.run());
        } else {
            action.run();
        }
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
