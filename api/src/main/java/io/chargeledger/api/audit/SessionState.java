package io.chargeledger.api.audit;

import io.chargeledger.projections.api.SessionStatus;
import io.chargeledger.session.api.IdTagInfo;
import io.chargeledger.session.api.Tariff;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A charging session as its events describe it at some instant. While it is ACTIVE, energyWh and cost are
 * provisional: computed from the highest energy register reading so far, with the session's own tariff; once
 * STOPPED they are the billed totals of its SessionStopped event.
 */
@Schema(description = "A charging session as its stored events describe it at the instant asked for")
public record SessionState(
        String sessionId,
        @Schema(example = "ACTIVE") SessionStatus status,
        @Schema(example = "JAAL34S021") String chargePointId,
        Integer connectorId,
        String idTag,
        Integer transactionId,
        @Schema(description = "Who asked for a remote start (absent for a start at the charger)")
        String remoteStartRequestedBy,
        Instant remoteStartRequestedAt,
        Instant remoteStartExpiresAt,
        @Schema(description = "The charger's answer to the remote start", example = "Accepted")
        String remoteStartAnswer,
        @Schema(description = "Start time by the charger's clock") Instant startedAt,
        @Schema(description = "When the central system received the StartTransaction") Instant startReceivedAt,
        Long meterStartWh,
        Tariff tariff,
        IdTagInfo authorization,
        Boolean authorized,
        Integer reservationId,
        @Schema(description = "Highest energy register reading so far (Wh)", example = "5000")
        BigDecimal lastRegisterWh,
        Instant lastMeterValueAt,
        int meterSampleCount,
        @Schema(description = "Samples that arrived after the stop: kept for audit, never billed")
        int meterSamplesAfterStop,
        @Schema(example = "4000") Long energyWh,
        @Schema(example = "2.20") BigDecimal cost,
        @Schema(example = "EUR") String currency,
        String remoteStopRequestedBy,
        Instant remoteStopRequestedAt,
        @Schema(description = "Stop time by the charger's clock") Instant stoppedAt,
        Instant stopReceivedAt,
        Long meterStopWh,
        String stopReason,
        String stopIdTag,
        String supersededBy,
        List<String> anomalies) {
}
