package io.chargeledger.charger;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.chargeledger.charger.api.*;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    private String authorizationKeyHash;
    private int securityProfile;
    private boolean pendingApproval;
    private RegistrationStatus registrationStatus = RegistrationStatus.NEVER_BOOTED;
    private String currentConnectionId;
    private Pricing pricing;
    private final Map<Integer, ConnectorState> connectors = new HashMap<>();
    private final Set<String> pendingOperations = new HashSet<>();

    /** The parts of a StatusNotification that make a change; the charger's timestamp alone does not. */
    record ConnectorState(String status, String errorCode, String info, String vendorId, String vendorErrorCode) {
    }

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
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RegisterUnknownCharger command) {
        if (registered) {
            throw new ChargerAlreadyRegistered(command.chargePointId());
        }
        requireValid(ChargerRules.checkChargePointId(command.chargePointId()));
        apply(new UnknownChargerRegistered(command.chargePointId(), command.remoteAddress()));
    }

    @CommandHandler
    ChargerSecurity handle(DescribeChargerSecurity command) {
        requireRegistered();
        return new ChargerSecurity(chargePointId, decommissioned, securityProfile, authorizationKeyHash,
                registrationStatus);
    }

    @CommandHandler
    void handle(AcceptCharger command) {
        requireRegistered();
        if (decommissioned) {
            throw new ChargerDecommissionedException(chargePointId, "be accepted");
        }
        if (pendingApproval) {
            apply(new ChargerAccepted(chargePointId, command.acceptedBy()));
        }
    }

    /** Returns the registration status, so the adapter knows at once whether the charger must boot first. */
    @CommandHandler
    RegistrationStatus handle(MarkConnected command) {
        requireRegistered();
        if (decommissioned) {
            throw new ChargerDecommissionedException(chargePointId, "connect");
        }
        if (command.connectionId().equals(currentConnectionId)) {
            return registrationStatus;
        }
        if (currentConnectionId != null) {
            // A new socket replaces the old one: record the old one's end first, so history stays in order.
            apply(new ChargerDisconnected(chargePointId, currentConnectionId, "Replaced by a new connection"));
        }
        apply(new ChargerConnected(chargePointId, command.connectionId(), command.nodeId(),
                command.remoteAddress(), command.subprotocol(), command.securityProfile()));
        return registrationStatus;
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

    @CommandHandler
    RegistrationStatus handle(RecordBootNotification command) {
        requireRegistered();
        if (decommissioned) {
            throw new ChargerDecommissionedException(chargePointId, "boot");
        }
        // An auto-registered charger waits for an admin; every other registered charger is welcome.
        RegistrationStatus status = pendingApproval ? RegistrationStatus.PENDING : RegistrationStatus.ACCEPTED;
        apply(new ChargerBooted(chargePointId, command.bootInfo(), status));
        return status;
    }

    @CommandHandler
    void handle(RecordConnectorStatus command) {
        requireRegistered();
        ConnectorState reported = new ConnectorState(command.status(), command.errorCode(), command.info(),
                command.vendorId(), command.vendorErrorCode());
        if (reported.equals(connectors.get(command.connectorId()))) {
            return;
        }
        apply(new ConnectorStatusChanged(chargePointId, command.connectorId(), command.status(),
                command.errorCode(), command.info(), command.vendorId(), command.vendorErrorCode(),
                command.timestamp()));
    }

    @CommandHandler
    Pricing handle(DescribeChargerTariff command) {
        requireRegistered();
        return pricing;
    }

    @CommandHandler
    void handle(RecordUnknownTransactionStop command) {
        requireRegistered();
        apply(new UnknownTransactionStopReported(chargePointId, command.transactionId(), command.meterStopWh(),
                command.chargerTimestamp(), command.reason(), command.idTag()));
    }

    @CommandHandler
    void handle(RecordLiveness command) {
        requireRegistered();
        apply(new ChargerSeen(chargePointId, command.lastSeen()));
    }

    @CommandHandler
    void handle(RecordFirmwareStatus command) {
        requireRegistered();
        apply(new FirmwareStatusReported(chargePointId, command.status()));
    }

    @CommandHandler
    void handle(RecordDiagnosticsStatus command) {
        requireRegistered();
        apply(new DiagnosticsStatusReported(chargePointId, command.status()));
    }

    @CommandHandler
    void handle(RecordOperationRequest command) {
        requireRegistered();
        if (decommissioned) {
            throw new ChargerDecommissionedException(chargePointId, "receive operations");
        }
        if (pendingOperations.contains(command.operationId())) {
            return;
        }
        apply(new ChargerOperationRequested(chargePointId, command.operationId(), command.action(),
                command.requestJson(), command.requestedBy()));
    }

    @CommandHandler
    void handle(RecordOperationOutcome command) {
        requireRegistered();
        if (!pendingOperations.contains(command.operationId())) {
            return; // unknown or already completed: a retry must not record a second outcome
        }
        apply(new ChargerOperationCompleted(chargePointId, command.operationId(), command.action(),
                command.outcome(), command.responseJson(), command.errorCode(), command.errorDescription()));
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
        securityProfile = event.securityProfile();
        authorizationKeyHash = event.authorizationKeyHash();
        hasAuthorizationKey = authorizationKeyHash != null;
        pricing = event.details() == null ? null : event.details().pricing();
    }

    @EventSourcingHandler
    void on(UnknownChargerRegistered event) {
        chargePointId = event.chargePointId();
        registered = true;
        pendingApproval = true;
        securityProfile = 0;
    }

    @EventSourcingHandler
    void on(ChargerAccepted event) {
        pendingApproval = false;
    }

    @EventSourcingHandler
    void on(ChargerDetailsUpdated event) {
        securityProfile = event.securityProfile();
        pricing = event.details() == null ? null : event.details().pricing();
        if (event.authorizationKeyHash() != null) {
            authorizationKeyHash = event.authorizationKeyHash();
            hasAuthorizationKey = true;
        }
    }

    @EventSourcingHandler
    void on(ChargerBooted event) {
        registrationStatus = event.registrationStatus();
    }

    @EventSourcingHandler
    void on(ConnectorStatusChanged event) {
        connectors.put(event.connectorId(), new ConnectorState(event.status(), event.errorCode(), event.info(),
                event.vendorId(), event.vendorErrorCode()));
    }

    @EventSourcingHandler
    void on(ChargerOperationRequested event) {
        pendingOperations.add(event.operationId());
    }

    @EventSourcingHandler
    void on(ChargerOperationCompleted event) {
        pendingOperations.remove(event.operationId());
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
        pendingOperations.clear();
    }
}
