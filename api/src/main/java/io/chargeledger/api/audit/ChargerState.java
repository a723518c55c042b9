package io.chargeledger.api.audit;

import io.chargeledger.charger.api.BootInfo;
import io.chargeledger.charger.api.ChargerDetails;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * A charger as its events describe it at some instant. Never contains the authorization key or its hash: only
 * whether there is one and when it last changed.
 */
@Schema(description = "A charger as its stored events describe it at the instant asked for")
public record ChargerState(
        @Schema(example = "JAAL34S021") String chargePointId,
        @Schema(description = "Registered by an admin, or auto-registered when it connected unknown") boolean registered,
        Instant registeredAt,
        @Schema(description = "Auto-registered and not accepted by an admin yet") boolean pendingApproval,
        String acceptedBy,
        ChargerDetails details,
        @Schema(example = "1") Integer securityProfile,
        boolean hasAuthorizationKey,
        @Schema(description = "When the authorization key was last set (registration or an update with a new key)")
        Instant authorizationKeySetAt,
        @Schema(description = "Answer to the last BootNotification", example = "ACCEPTED") String registrationStatus,
        BootInfo bootInfo,
        Instant lastBootAt,
        boolean connected,
        String connectionId,
        String nodeId,
        String remoteAddress,
        String subprotocol,
        Instant connectedSince,
        Instant lastDisconnectedAt,
        String lastDisconnectReason,
        List<ConnectorStatus> connectors,
        String firmwareStatus,
        String diagnosticsStatus,
        @Schema(description = "Last liveness recorded as an event (heartbeats themselves are not events)")
        Instant lastSeen,
        List<PendingOperation> pendingOperations,
        @Schema(description = "StopTransactions reported for transactions the central system never issued")
        int unknownTransactionStops,
        boolean decommissioned,
        Instant decommissionedAt,
        String decommissionReason) {

    /** A connector's last reported status; connector 0 is the charge point as a whole. */
    public record ConnectorStatus(int connectorId, String status, String errorCode, String info, String vendorId,
                            String vendorErrorCode,
                            @Schema(description = "The charger's own timestamp of the StatusNotification")
                            Instant chargerTimestamp,
                            @Schema(description = "When the change was stored") Instant since) {
    }

    /** An operation sent to the charger that had no recorded outcome yet. */
    public record PendingOperation(String operationId, String action, String requestedBy, Instant requestedAt) {
    }
}
