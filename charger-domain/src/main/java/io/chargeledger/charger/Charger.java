package io.chargeledger.charger;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.chargeledger.charger.api.ChargerAlreadyRegistered;
import io.chargeledger.charger.api.ChargerConnected;
import io.chargeledger.charger.api.ChargerDecommissioned;
import io.chargeledger.charger.api.ChargerDecommissionedException;
import io.chargeledger.charger.api.ChargerDetailsUpdated;
import io.chargeledger.charger.api.ChargerDisconnected;
import io.chargeledger.charger.api.ChargerNotRegistered;
import io.chargeledger.charger.api.ChargerRegistered;
import io.chargeledger.charger.api.ChargerRuleViolation;
import io.chargeledger.charger.api.ChargerRules;
import io.chargeledger.charger.api.DecommissionCharger;
import io.chargeledger.charger.api.MarkConnected;
import io.chargeledger.charger.api.MarkDisconnected;
import io.chargeledger.charger.api.RegisterCharger;
import io.chargeledger.charger.api.UpdateChargerDetails;
import io.chargeledger.charger.api.Violation;
import java.util.List;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * A physical charge point, identified by its OCPP identity. It lives for years: registration, edits,
 * every connection and disconnection, and finally its decommissioning.
 */
public class Charger {

    @AggregateIdentifier
    private String chargePointId;
    private boolean registered;
    private boolean decommissioned;
    private boolean hasAuthorizationKey;
    private String currentConnectionId;

    protected Charger() {
        // for Axon
    }

    // Create-if-missing (rather than a constructor) so that registering a taken id is a domain
    // rejection with a clear message, not a storage conflict.
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RegisterCharger command) {
        if (registered) {
            throw new ChargerAlreadyRegistered(command.chargePointId());
        }
        requireValid(ChargerRules.check(command.chargePointId(), command.details(), command.securityProfile(),
                command.authorizationKeyHash() != null));
        apply(new ChargerRegistered(command.chargePointId(), command.details(), command.securityProfile(),
                command.authorizationKeyHash()));
    }

    @CommandHandler
    void handle(UpdateChargerDetails command) {
        requireRegistered();
        if (decommissioned) {
            throw new ChargerDecommissionedException(chargePointId, "be updated");
        }
        boolean keyAfterUpdate = hasAuthorizationKey || command.authorizationKeyHash() != null;
        requireValid(ChargerRules.check(command.chargePointId(), command.details(), command.securityProfile(),
                keyAfterUpdate));
        apply(new ChargerDetailsUpdated(chargePointId, command.details(), command.securityProfile(),
                command.authorizationKeyHash()));
    }

    @CommandHandler
    void handle(MarkConnected command) {
        requireRegistered();
        if (decommissioned) {
            throw new ChargerDecommissionedException(chargePointId, "connect");
        }
        if (command.connectionId().equals(currentConnectionId)) {
            return;
        }
        if (currentConnectionId != null) {
            // A new socket replaces the old one: record the old one's end first, so history stays in order.
            apply(new ChargerDisconnected(chargePointId, currentConnectionId, "Replaced by a new connection"));
        }
        apply(new ChargerConnected(chargePointId, command.connectionId(), command.nodeId(),
                command.remoteAddress(), command.subprotocol(), command.securityProfile()));
    }

    @CommandHandler
    void handle(MarkDisconnected command) {
        requireRegistered();
        if (currentConnectionId == null || !currentConnectionId.equals(command.connectionId())) {
            return;
        }
        apply(new ChargerDisconnected(chargePointId, command.connectionId(), command.reason()));
    }

    @CommandHandler
    void handle(DecommissionCharger command) {
        requireRegistered();
        if (decommissioned) {
            return;
        }
        if (currentConnectionId != null) {
            apply(new ChargerDisconnected(chargePointId, currentConnectionId, "Charger decommissioned"));
        }
        apply(new ChargerDecommissioned(chargePointId, command.reason()));
    }

    private void requireRegistered() {
        if (!registered) {
            throw new ChargerNotRegistered(chargePointId);
        }
    }

    private static void requireValid(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new ChargerRuleViolation(violations);
        }
    }

    @EventSourcingHandler
    void on(ChargerRegistered event) {
        chargePointId = event.chargePointId();
        registered = true;
        hasAuthorizationKey = event.authorizationKeyHash() != null;
    }

    @EventSourcingHandler
    void on(ChargerDetailsUpdated event) {
        hasAuthorizationKey = hasAuthorizationKey || event.authorizationKeyHash() != null;
    }

    @EventSourcingHandler
    void on(ChargerConnected event) {
        currentConnectionId = event.connectionId();
    }

    @EventSourcingHandler
    void on(ChargerDisconnected event) {
        if (event.connectionId().equals(currentConnectionId)) {
            currentConnectionId = null;
        }
    }

    @EventSourcingHandler
    void on(ChargerDecommissioned event) {
        decommissioned = true;
    }
}
