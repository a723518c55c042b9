package io.chargeledger.api.audit;

import io.chargeledger.charger.api.BootInfo;
import io.chargeledger.charger.api.ChargerAccepted;
import io.chargeledger.charger.api.ChargerBooted;
import io.chargeledger.charger.api.ChargerConnected;
import io.chargeledger.charger.api.ChargerDecommissioned;
import io.chargeledger.charger.api.ChargerDetails;
import io.chargeledger.charger.api.ChargerDetailsUpdated;
import io.chargeledger.charger.api.ChargerDisconnected;
import io.chargeledger.charger.api.ChargerOperationCompleted;
import io.chargeledger.charger.api.ChargerOperationRequested;
import io.chargeledger.charger.api.ChargerRegistered;
import io.chargeledger.charger.api.ChargerSeen;
import io.chargeledger.charger.api.ConnectorStatusChanged;
import io.chargeledger.charger.api.DiagnosticsStatusReported;
import io.chargeledger.charger.api.FirmwareStatusReported;
import io.chargeledger.charger.api.RegistrationStatus;
import io.chargeledger.charger.api.UnknownChargerRegistered;
import io.chargeledger.charger.api.UnknownTransactionStopReported;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Folds a charger's events into a {@link ChargerState}, following the same rules as the aggregate (e.g. a
 * disconnect of a socket that was already replaced changes nothing). Events it does not know are skipped, so old
 * histories keep replaying after new event types appear.
 */
final class ChargerStateBuilder implements EventHistory.StateBuilder<ChargerState> {

    private final String chargePointId;
    private boolean registered;
    private Instant registeredAt;
    private boolean pendingApproval;
    private String acceptedBy;
    private ChargerDetails details;
    private Integer securityProfile;
    private boolean hasAuthorizationKey;
    private Instant authorizationKeySetAt;
    private RegistrationStatus registrationStatus = RegistrationStatus.NEVER_BOOTED;
    private BootInfo bootInfo;
    private Instant lastBootAt;
    private String connectionId;
    private String nodeId;
    private String remoteAddress;
    private String subprotocol;
    private Instant connectedSince;
    private Instant lastDisconnectedAt;
    private String lastDisconnectReason;
    private final Map<Integer, ChargerState.ConnectorStatus> connectors = new TreeMap<>();
    private String firmwareStatus;
    private String diagnosticsStatus;
    private Instant lastSeen;
    private final Map<String, ChargerState.PendingOperation> pendingOperations = new LinkedHashMap<>();
    private int unknownTransactionStops;
    private boolean decommissioned;
    private Instant decommissionedAt;
    private String decommissionReason;

    ChargerStateBuilder(String chargePointId) {
        this.chargePointId = chargePointId;
    }

    @Override
    public void apply(Object payload, Instant at) {
        if (payload instanceof ChargerRegistered event) {
            registered = true;
            registeredAt = at;
            details = event.details();
            securityProfile = event.securityProfile();
            if (event.authorizationKeyHash() != null) {
                hasAuthorizationKey = true;
                authorizationKeySetAt = at;
            }
        } else if (payload instanceof UnknownChargerRegistered event) {
            registered = true;
            registeredAt = at;
            pendingApproval = true;
            securityProfile = 0;
            remoteAddress = event.remoteAddress();
        } else if (payload instanceof ChargerAccepted event) {
            pendingApproval = false;
            acceptedBy = event.acceptedBy();
        } else if (payload instanceof ChargerDetailsUpdated event) {
            details = event.details();
            securityProfile = event.securityProfile();
            if (event.authorizationKeyHash() != null) {
                hasAuthorizationKey = true;
                authorizationKeySetAt = at;
            }
        } else if (payload instanceof ChargerBooted event) {
            registrationStatus = event.registrationStatus();
            bootInfo = event.bootInfo();
            lastBootAt = at;
            lastSeen = at;
        } else if (payload instanceof ChargerConnected event) {
            connectionId = event.connectionId();
            nodeId = event.nodeId();
            remoteAddress = event.remoteAddress();
            subprotocol = event.subprotocol();
            connectedSince = at;
            lastSeen = at;
        } else if (payload instanceof ChargerDisconnected event) {
            if (event.connectionId() != null && event.connectionId().equals(connectionId)) {
                connectionId = null;
                nodeId = null;
                subprotocol = null;
                connectedSince = null;
                lastDisconnectedAt = at;
                lastDisconnectReason = event.reason();
            }
        } else if (payload instanceof ConnectorStatusChanged event) {
            connectors.put(event.connectorId(), new ChargerState.ConnectorStatus(event.connectorId(), event.status(),
                    event.errorCode(), event.info(), event.vendorId(), event.vendorErrorCode(), event.timestamp(), at));
            lastSeen = at;
        } else if (payload instanceof ChargerSeen event) {
            if (event.lastSeen() != null && (lastSeen == null || event.lastSeen().isAfter(lastSeen))) {
                lastSeen = event.lastSeen();
            }
        } else if (payload instanceof FirmwareStatusReported event) {
            firmwareStatus = event.status();
        } else if (payload instanceof DiagnosticsStatusReported event) {
            diagnosticsStatus = event.status();
        } else if (payload instanceof ChargerOperationRequested event) {
            pendingOperations.put(event.operationId(), new ChargerState.PendingOperation(event.operationId(),
                    event.action(), event.requestedBy(), at));
        } else if (payload instanceof ChargerOperationCompleted event) {
            pendingOperations.remove(event.operationId());
        } else if (payload instanceof UnknownTransactionStopReported) {
            unknownTransactionStops++;
        } else if (payload instanceof ChargerDecommissioned event) {
            decommissioned = true;
            decommissionedAt = at;
            decommissionReason = event.reason();
            pendingOperations.clear();
        }
    }

    @Override
    public ChargerState state() {
        return new ChargerState(chargePointId, registered, registeredAt, pendingApproval, acceptedBy, details,
                securityProfile, hasAuthorizationKey, authorizationKeySetAt, registrationStatus.name(), bootInfo,
                lastBootAt, connectionId != null, connectionId, nodeId, remoteAddress, subprotocol, connectedSince,
                lastDisconnectedAt, lastDisconnectReason, new ArrayList<>(connectors.values()), firmwareStatus,
                diagnosticsStatus, lastSeen, new ArrayList<>(pendingOperations.values()), unknownTransactionStops,
                decommissioned, decommissionedAt, decommissionReason);
    }
}
