package io.chargeledger.api.security;

import io.chargeledger.ocpp.sessions.TransactionRegistry;
import io.chargeledger.session.api.AuthorizationStatus;
import io.chargeledger.session.api.IdTagInfo;
import io.chargeledger.session.api.IdTagStatus;
import io.chargeledger.session.api.RegisterIdTag;
import io.chargeledger.session.api.StartSession;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * Id tags assigned to drivers and sessions on them, made with the session domain's own commands (as the OCPP adapter
 * would send a StartTransaction), so no charger needs to be connected.
 */
final class DriverFixtures {

    private final CommandGateway commands;
    private final TransactionRegistry transactions;

    DriverFixtures(CommandGateway commands, TransactionRegistry transactions) {
        this.commands = commands;
        this.transactions = transactions;
    }

    static String newTag(String prefix) {
        return (prefix + UUID.randomUUID().toString().replace("-", "")).substring(0, 16).toUpperCase();
    }

    /** Registers an Accepted tag owned by this username (null: nobody's); returns the tag. */
    String tag(String idTag, String owner) {
        commands.sendAndWait(new RegisterIdTag(idTag, IdTagStatus.Accepted, null, null, null, owner));
        return idTag;
    }

    /** Starts a session with this tag on this charger's connector, as the charger's StartTransaction would. */
    String startSession(String chargePointId, int connectorId, String idTag, Instant startedAt) {
        String sessionId = UUID.randomUUID().toString();
        commands.sendAndWait(new StartSession(sessionId, transactions.allocateTransactionId(), chargePointId,
                connectorId, idTag, 0, startedAt, startedAt.plusMillis(100), null,
                new IdTagInfo(AuthorizationStatus.Accepted, null, null), null));
        return sessionId;
    }
}
