package io.chargeledger.api.ocpp;

import io.chargeledger.charger.api.MarkDisconnected;
import io.chargeledger.ocpp.connection.ConnectionRegistry;
import io.chargeledger.ocpp.server.OcppSettings;
import io.chargeledger.projections.api.ConnectedCharger;
import io.chargeledger.projections.api.FindChargersConnectedToNode;
import io.chargeledger.projections.charger.ChargerViewProjector;
import java.time.Duration;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Crash recovery: chargers the store shows connected to this node, but which hold no socket here, lost their
 * connection when the node stopped (or died). Record them disconnected, so no charger stays "online" forever.
 * Runs once the charger read model has caught up with the event store. A shutdown stops it between two chargers
 * and waits for it, so it never queries a database that is being closed.
 */
@Component
public class ConnectionRecovery {

    private static final Logger log = LoggerFactory.getLogger(ConnectionRecovery.class);
    private static final Duration CATCH_UP_LIMIT = Duration.ofMinutes(5);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final QueryGateway queries;
    private final CommandGateway commands;
    private final ConnectionRegistry registry;
    private final OcppSettings settings;
    private final EventProcessingConfiguration processing;
    private volatile boolean closing;
    private volatile Thread worker;

    public ConnectionRecovery(QueryGateway queries, CommandGateway commands, ConnectionRegistry registry,
                              OcppSettings settings, EventProcessingConfiguration processing) {
        this.queries = queries;
        this.commands = commands;
        this.registry = registry;
        this.settings = settings;
        this.processing = processing;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void recoverInBackground() {
        Thread thread = new Thread(this::recover, "ocpp-connection-recovery");
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    @EventListener(ContextClosedEvent.class)
    public void stopWithTheServer() throws InterruptedException {
        closing = true;
        Thread thread = worker;
        if (thread != null) {
            // not interrupted: a query or command in flight finishes; the loops look at the flag at least every 100 ms
            thread.join(CLOSE_WAIT.toMillis());
        }
    }

    public int recover() {
        try {
            awaitChargerViewCaughtUp();
            if (closing) {
                return 0;
            }
            List<ConnectedCharger> stale = queries.query(new FindChargersConnectedToNode(settings.nodeId()),
                    ResponseTypes.multipleInstancesOf(ConnectedCharger.class)).join();
            int recovered = 0;
            for (ConnectedCharger charger : stale) {
                if (closing) {
                    log.info("Connection recovery stopped with the server after {} of {} chargers; the next start "
                            + "records the rest", recovered, stale.size());
                    return recovered;
                }
                boolean stillHere = registry.find(charger.chargePointId())
                        .filter(connection -> connection.connectionId().equals(charger.connectionId()))
                        .isPresent();
                if (!stillHere) {
                    commands.sendAndWait(new MarkDisconnected(charger.chargePointId(), charger.connectionId(),
                            "Connection lost: node " + settings.nodeId() + " restarted"));
                    recovered++;
                }
            }
            if (recovered > 0) {
                log.warn("Recorded {} chargers as disconnected whose connections to this node ended with its last run",
                        recovered);
            }
            return recovered;
        } catch (RuntimeException e) {
            if (closing) {
                log.info("Connection recovery stopped with the server: {}", e.toString());
                return 0;
            }
            log.error("Connection recovery failed", e);
            return 0;
        }
    }

    private void awaitChargerViewCaughtUp() {
        long deadline = System.nanoTime() + CATCH_UP_LIMIT.toNanos();
        while (System.nanoTime() < deadline && !closing) {
            boolean caughtUp = processing.eventProcessor(ChargerViewProjector.PROCESSING_GROUP, StreamingEventProcessor.class)
                    .map(processor -> !processor.processingStatus().isEmpty()
                            && processor.processingStatus().values().stream().allMatch(EventTrackerStatus::isCaughtUp))
                    .orElse(true);
            if (caughtUp) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
