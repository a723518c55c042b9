package io.chargeledger.api.audit;

import io.chargeledger.projections.api.SessionStatus;
import io.chargeledger.session.EnergyRegister;
import io.chargeledger.session.SessionCost;
import io.chargeledger.session.api.IdTagInfo;
import io.chargeledger.session.api.MeterSample;
import io.chargeledger.session.api.MeterValuesRecorded;
import io.chargeledger.session.api.RemoteStartAccepted;
import io.chargeledger.session.api.RemoteStartExpired;
import io.chargeledger.session.api.RemoteStartRejected;
import io.chargeledger.session.api.RemoteStartRequested;
import io.chargeledger.session.api.RemoteStopRequested;
import io.chargeledger.session.api.SessionAnomalyFlagged;
import io.chargeledger.session.api.SessionStarted;
import io.chargeledger.session.api.SessionStopped;
import io.chargeledger.session.api.SessionSuperseded;
import io.chargeledger.session.api.Tariff;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Folds a session's events into a {@link SessionState}. Energy and cost use the session domain's own rules
 * ({@link EnergyRegister}, {@link SessionCost}), so a provisional figure is computed exactly as the final one will be.
 */
final class SessionStateBuilder implements EventHistory.StateBuilder<SessionState> {

    private final String sessionId;
    private SessionStatus status;
    private String chargePointId;
    private Integer connectorId;
    private String idTag;
    private Integer transactionId;
    private String remoteStartRequestedBy;
    private Instant remoteStartRequestedAt;
    private Instant remoteStartExpiresAt;
    private String remoteStartAnswer;
    private Instant startedAt;
    private Instant startReceivedAt;
    private Long meterStartWh;
    private Tariff tariff;
    private IdTagInfo authorization;
    private Boolean authorized;
    private Integer reservationId;
    private BigDecimal lastRegisterWh;
    private Instant lastMeterValueAt;
    private int meterSampleCount;
    private int meterSamplesAfterStop;
    private Long energyWh;
    private BigDecimal cost;
    private String currency;
    private String remoteStopRequestedBy;
    private Instant remoteStopRequestedAt;
    private Instant stoppedAt;
    private Instant stopReceivedAt;
    private Long meterStopWh;
    private String stopReason;
    private String stopIdTag;
    private String supersededBy;
    private final List<String> anomalies = new ArrayList<>();

    SessionStateBuilder(String sessionId) {
        this.sessionId = sessionId;
    }

    @Override
    public void apply(Object payload, Instant at) {
        if (payload instanceof RemoteStartRequested event) {
            status = SessionStatus.PENDING_REMOTE_START;
            chargePointId = event.chargePointId();
            connectorId = event.connectorId();
            idTag = event.idTag();
            remoteStartRequestedBy = event.requestedBy();
            remoteStartRequestedAt = at;
            remoteStartExpiresAt = event.expiresAt();
        } else if (payload instanceof RemoteStartAccepted) {
            remoteStartAnswer = "Accepted";
        } else if (payload instanceof RemoteStartRejected) {
            remoteStartAnswer = "Rejected";
            status = SessionStatus.REMOTE_START_REJECTED;
        } else if (payload instanceof RemoteStartExpired) {
            status = SessionStatus.REMOTE_START_EXPIRED;
        } else if (payload instanceof SessionStarted event) {
            status = SessionStatus.ACTIVE;
            transactionId = event.transactionId();
            chargePointId = event.chargePointId();
            connectorId = event.connectorId();
            idTag = event.idTag();
            meterStartWh = event.meterStartWh();
            startedAt = event.chargerTimestamp();
            startReceivedAt = event.receivedAt();
            tariff = event.tariff();
            currency = tariff == null ? null : tariff.currency();
            authorization = event.authorization();
            authorized = event.authorized();
            reservationId = event.reservationId();
            provisionalTotals();
        } else if (payload instanceof MeterValuesRecorded event) {
            meter(event);
        } else if (payload instanceof RemoteStopRequested event) {
            remoteStopRequestedBy = event.requestedBy();
            remoteStopRequestedAt = at;
        } else if (payload instanceof SessionAnomalyFlagged event) {
            addAnomaly(event.anomaly());
        } else if (payload instanceof SessionSuperseded event) {
            supersededBy = event.supersededBy();
        } else if (payload instanceof SessionStopped event) {
            status = SessionStatus.STOPPED;
            stoppedAt = event.chargerTimestamp();
            stopReceivedAt = event.receivedAt();
            meterStopWh = event.meterStopWh();
            stopReason = event.reason();
            stopIdTag = event.stopIdTag();
            energyWh = event.energyWh();
            cost = event.cost();
            currency = event.currency();
            event.anomalies().forEach(this::addAnomaly);
        }
    }

    private void meter(MeterValuesRecorded event) {
        if (event.afterStop()) {
            meterSamplesAfterStop += event.samples().size();
            return;
        }
        meterSampleCount += event.samples().size();
        for (MeterSample sample : event.samples()) {
            if (sample.timestamp() != null && (lastMeterValueAt == null || sample.timestamp().isAfter(lastMeterValueAt))) {
                lastMeterValueAt = sample.timestamp();
            }
            Optional<BigDecimal> wh = EnergyRegister.wattHours(sample);
            if (wh.isPresent() && (lastRegisterWh == null || wh.get().compareTo(lastRegisterWh) > 0)) {
                lastRegisterWh = wh.get();
            }
        }
        if (status == SessionStatus.ACTIVE) {
            provisionalTotals();
        }
    }

    /** Energy so far = highest register reading (whole Wh, never more than proven) - meterStart. */
    private void provisionalTotals() {
        if (meterStartWh == null) {
            return;
        }
        long registerWh = lastRegisterWh == null ? meterStartWh
                : lastRegisterWh.min(BigDecimal.valueOf(Long.MAX_VALUE)).setScale(0, RoundingMode.DOWN).longValue();
        energyWh = SessionCost.energyWh(meterStartWh, registerWh);
        cost = SessionCost.price(energyWh, tariff);
    }

    private void addAnomaly(String anomaly) {
        if (anomaly != null && !anomalies.contains(anomaly)) {
            anomalies.add(anomaly);
        }
    }

    @Override
    public SessionState state() {
        return new SessionState(sessionId, status, chargePointId, connectorId, idTag, transactionId,
                remoteStartRequestedBy, remoteStartRequestedAt, remoteStartExpiresAt, remoteStartAnswer, startedAt,
                startReceivedAt, meterStartWh, tariff, authorization, authorized, reservationId, lastRegisterWh,
                lastMeterValueAt, meterSampleCount, meterSamplesAfterStop, energyWh, cost, currency,
                remoteStopRequestedBy, remoteStopRequestedAt, stoppedAt, stopReceivedAt, meterStopWh, stopReason,
                stopIdTag, supersededBy, List.copyOf(anomalies));
    }
}
