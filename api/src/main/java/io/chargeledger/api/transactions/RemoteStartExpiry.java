package io.chargeledger.api.transactions;

import io.chargeledger.session.api.ExpireRemoteStart;
import java.time.Instant;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Expires remote starts the charger did not follow up within the window. Driven by the stored deadlines, not by
 * in-memory timers, so it also covers requests made before a restart.
 */
@Component
public class RemoteStartExpiry {

    private static final Logger log = LoggerFactory.getLogger(RemoteStartExpiry.class);

    private final JdbcTransactionRegistry registry;
    private final CommandGateway commands;

    public RemoteStartExpiry(JdbcTransactionRegistry registry, CommandGateway commands) {
        this.registry = registry;
        this.commands = commands;
    }

    @Scheduled(fixedDelayString = "${chargeledger.sessions.expiry-check-interval:1s}")
    public void expireOverdue() {
        Instant now = Instant.now();
        for (String sessionId : registry.overdueRemoteStarts(now)) {
            try {
                commands.sendAndWait(new ExpireRemoteStart(sessionId, now));
                // the session may have moved on without an expiry event (started, rejected): stop asking
                registry.forgetRemoteStart(sessionId);
            } catch (RuntimeException e) {
                log.warn("Could not expire remote start {}", sessionId, e);
            }
        }
    }
}
