package io.chargeledger.api.ocpp;

import io.chargeledger.charger.api.MarkDisconnected;
import io.chargeledger.ocpp.connection.ChargePointConnection;
import io.chargeledger.ocpp.connection.ConnectionRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * On an orderly shutdown, close every charger socket and record the disconnections while the command bus
 * still runs (this lifecycle stops before Axon's). Chargers reconnect to whichever node is up.
 */
@Component
public class OcppShutdown implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OcppShutdown.class);

    private final ConnectionRegistry registry;
    private final CommandGateway commands;
    private volatile boolean running;

    public OcppShutdown(ConnectionRegistry registry, CommandGateway commands) {
        this.registry = registry;
        this.commands = commands;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        List<CompletableFuture<?>> recorded = new ArrayList<>();
        for (ChargePointConnection connection : new ArrayList<>(registry.all())) {
            if (connection.isClosed()) {
                continue;
            }
            connection.markClosed();
            registry.unregister(connection);
            connection.close(1001, "Server shutting down");
            recorded.add(commands.send(new MarkDisconnected(connection.chargePointId(), connection.connectionId(),
                    "Server shut down")));
        }
        try {
            CompletableFuture.allOf(recorded.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("Not every disconnection was recorded at shutdown; recovery at the next start completes them", e);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // stop early: before the web server and Axon's command handling go down
        return Integer.MAX_VALUE - 100;
    }
}
