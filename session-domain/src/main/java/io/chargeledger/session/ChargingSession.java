package io.chargeledger.session;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.chargeledger.session.api.AuthorizationStatus;
import io.chargeledger.session.api.CloseSupersededSession;
import io.chargeledger.session.api.ExpireRemoteStart;
import io.chargeledger.session.api.FlagSessionAnomaly;
import io.chargeledger.session.api.IdTokens;
import io.chargeledger.session.api.MeterSample;
import io.chargeledger.session.api.MeterValuesRecorded;
import io.chargeledger.session.api.RecordMeterValues;
import io.chargeledger.session.api.RecordRemoteStartAnswer;
import io.chargeledger.session.api.RemoteStartAccepted;
import io.chargeledger.session.api.RemoteStartExpired;
import io.chargeledger.session.api.RemoteStartRejected;
import io.chargeledger.session.api.RemoteStartRequested;
import io.chargeledger.session.api.RemoteStopRequested;
import io.chargeledger.session.api.RequestRemoteStart;
import io.chargeledger.session.api.RequestRemoteStop;
import io.chargeledger.session.api.SessionAlreadyExists;
import io.chargeledger.session.api.SessionAlreadyStopped;
import io.chargeledger.session.api.SessionAnomalies;
import io.chargeledger.session.api.SessionAnomalyFlagged;
import io.chargeledger.session.api.SessionNotStarted;
import io.chargeledger.session.api.SessionRuleViolation;
import io.chargeledger.session.api.SessionStartConflict;
import io.chargeledger.session.api.SessionStarted;
import io.chargeledger.session.api.SessionStopped;
import io.chargeledger.session.api.SessionSuperseded;
import io.chargeledger.session.api.StartRequestedSession;
import io.chargeledger.session.api.StartSession;
import io.chargeledger.session.api.StopSession;
import io.chargeledger.session.api.Tariff;
import io.chargeledger.session.api.Violation;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * One charging session, from a remote start request or a charger's StartTransaction to its StopTransaction.
 * What the charger reports is recorded even when it is odd (unauthorized start, meter values after the stop, a
 * meter running backwards): such facts are flagged as anomalies, because refusing them would lose energy that
 * was really delivered.
 */
public class ChargingSession {

    private enum Phase {
        REMOTE_START_REQUESTED,
        REMOTE_START_ACCEPTED,
        REMOTE_START_REJECTED,
        REMOTE_START_EXPIRED,
        STARTED,
        STOPPED
    }

    @AggregateIdentifier
    private String sessionId;
    private Phase phase;
    private String chargePointId;
    private Integer requestedConnectorId;
    private String idTag;
    private Instant remoteStartExpiresAt;
    private int transactionId;
    private long meterStartWh;
    private Tariff tariff;
    private BigDecimal highestRegisterWh;

    protected ChargingSession() {
        // for Axon
    }

    // Create-if-missing so that a second request for the same id is a clear rejection, not a storage conflict.
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RequestRemoteStart command) {
        if (phase != null) {
            throw new SessionAlreadyExists(command.sessionId());
        }
        requireValid(SessionRules.checkRemoteStart(command));
        apply(new RemoteStartRequested(command.sessionId(), command.chargePointId(), command.connectorId(),
                command.idTag(), command.requestedBy(), command.expiresAt()));
    }

    // Only the first answer to a waiting request counts. Later answers are moot: once started, the start itself
    // proves acceptance; once expired, the charger's StartTransaction can no longer bind here anyway.
    @CommandHandler
    void handle(RecordRemoteStartAnswer command) {
        if (phase != Phase.REMOTE_START_REQUESTED) {
            return;
        }
        apply(command.accepted() ? new RemoteStartAccepted(sessionId) : new RemoteStartRejected(sessionId));
    }

    // A deadline that has not passed yet is ignored, so that an early or duplicated timer cannot fail a session
    // that the charger may still start.
    @CommandHandler
    void handle(ExpireRemoteStart command) {
        if (command.at() == null) {
            throw new SessionRuleViolation(List.of(new Violation("at", "is required")));
        }
        if (waitingForCharger() && !command.at().isBefore(remoteStartExpiresAt)) {
            apply(new RemoteStartExpired(sessionId, command.at()));
        }
    }

    // A session nobody requested is new, under a new id: there is nothing to load first. (An id that is taken after
    // all fails as the events are stored, as a storage conflict.)
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    void handle(StartSession command) {
        start(command);
    }

    @CommandHandler
    void handle(StartRequestedSession command) {
        start(command.start());
    }

    private void start(StartSession command) {
        if (phase == Phase.STARTED || phase == Phase.STOPPED) {
            if (command.transactionId() == transactionId) {
                return;
            }
            throw new SessionStartConflict(command.sessionId(), "it already started as transaction "
                    + transactionId + ", not " + command.transactionId());
        }
        if (phase == Phase.REMOTE_START_REJECTED) {
            throw new SessionStartConflict(sessionId, "its remote start was rejected by the charger");
        }
        if (phase == Phase.REMOTE_START_EXPIRED) {
            throw new SessionStartConflict(sessionId, "its remote start expired");
        }
        requireValid(SessionRules.checkStart(command));
        if (waitingForCharger()) {
            requireSameRequest(command);
        }
        boolean authorized = command.authorization().status() == AuthorizationStatus.Accepted;
        apply(new SessionStarted(command.sessionId(), command.transactionId(), command.chargePointId(),
                command.connectorId(), command.idTag(), command.meterStartWh(), command.chargerTimestamp(),
                command.receivedAt(), command.tariff(), command.authorization(), command.reservationId(),
                authorized));
    }

    private void requireSameRequest(StartSession command) {
        if (!chargePointId.equals(command.chargePointId())) {
            throw new SessionStartConflict(sessionId, "the remote start was requested for charger "
                    + chargePointId + ", not " + command.chargePointId());
        }
        if (!IdTokens.sameToken(idTag, command.idTag())) {
            throw new SessionStartConflict(sessionId, "the remote start was requested for id tag "
                    + idTag + ", not " + command.idTag());
        }
        if (requestedConnectorId != null && requestedConnectorId != command.connectorId()) {
            throw new SessionStartConflict(sessionId, "the remote start was requested for connector "
                    + requestedConnectorId + ", not " + command.connectorId());
        }
    }

    @CommandHandler
    void handle(RecordMeterValues command) {
        if (command.samples().isEmpty()) {
            return;
        }
        requireStartedOrStopped("record meter values");
        requireValid(SessionRules.checkSamples("samples", command.samples()));
        apply(new MeterValuesRecorded(sessionId, command.samples(), phase == Phase.STOPPED));
    }

    // A repeated stop returns normally: the charger retries StopTransaction until it gets an answer.
    @CommandHandler
    void handle(StopSession command) {
        if (phase == Phase.STOPPED) {
            return;
        }
        requireStarted("be stopped");
        requireValid(SessionRules.checkStop(command));
        if (!command.transactionData().isEmpty()) {
            apply(new MeterValuesRecorded(sessionId, command.transactionData(), false));
        }
        String reason = command.reason() == null ? StopSession.DEFAULT_REASON : command.reason();
        stop(command.meterStopWh(), reason, command.chargerTimestamp(), command.receivedAt(), command.idTag(),
                List.of());
    }

    @CommandHandler
    void handle(RequestRemoteStop command) {
        if (phase == Phase.STOPPED) {
            throw new SessionAlreadyStopped(sessionId, "be stopped remotely");
        }
        requireStarted("be stopped remotely");
        if (command.requestedBy() == null || command.requestedBy().isBlank()) {
            throw new SessionRuleViolation(List.of(new Violation("requestedBy", "is required")));
        }
        apply(new RemoteStopRequested(sessionId, transactionId, chargePointId, command.requestedBy()));
    }

    @CommandHandler
    void handle(FlagSessionAnomaly command) {
        if (command.anomaly() == null || command.anomaly().isBlank()) {
            throw new SessionRuleViolation(List.of(new Violation("anomaly", "is required")));
        }
        apply(new SessionAnomalyFlagged(sessionId, command.anomaly(), command.detail()));
    }

    // The charger will never stop this session, so it is stopped at the last energy we know it delivered: the
    // highest register reading, truncated to whole Wh so that no unproven energy is billed, or meterStart if the
    // charger never reported one.
    @CommandHandler
    void handle(CloseSupersededSession command) {
        if (phase == Phase.STOPPED) {
            return;
        }
        requireStarted("be superseded");
        if (command.at() == null) {
            throw new SessionRuleViolation(List.of(new Violation("at", "is required")));
        }
        long meterStopWh = highestRegisterWh == null
                ? meterStartWh
                : highestRegisterWh.min(BigDecimal.valueOf(Long.MAX_VALUE)).setScale(0, RoundingMode.DOWN).longValue();
        apply(new SessionSuperseded(sessionId, command.supersededBy(), command.at()));
        stop(meterStopWh, CloseSupersededSession.REASON, command.at(), command.at(), null,
                List.of(SessionAnomalies.SUPERSEDED_BY_NEW_START));
    }

    private void stop(long meterStopWh, String reason, Instant chargerTimestamp, Instant receivedAt,
                      String stopIdTag, List<String> knownAnomalies) {
        List<String> anomalies = new ArrayList<>(knownAnomalies);
        if (meterStopWh < meterStartWh) {
            anomalies.add(SessionAnomalies.METER_STOP_BEFORE_START);
        }
        long energyWh = SessionCost.energyWh(meterStartWh, meterStopWh);
        apply(new SessionStopped(sessionId, transactionId, meterStopWh, reason, chargerTimestamp, receivedAt,
                energyWh, SessionCost.price(energyWh, tariff), tariff == null ? null : tariff.currency(),
                anomalies, idTag, stopIdTag));
    }

    private boolean waitingForCharger() {
        return phase == Phase.REMOTE_START_REQUESTED || phase == Phase.REMOTE_START_ACCEPTED;
    }

    private void requireStarted(String attempted) {
        if (phase != Phase.STARTED) {
            throw new SessionNotStarted(sessionId, attempted, whyNotStarted());
        }
    }

    private void requireStartedOrStopped(String attempted) {
        if (phase != Phase.STARTED && phase != Phase.STOPPED) {
            throw new SessionNotStarted(sessionId, attempted, whyNotStarted());
        }
    }

    private String whyNotStarted() {
        return switch (phase) {
            case REMOTE_START_REQUESTED -> "the charger has not answered its remote start yet";
            case REMOTE_START_ACCEPTED -> "the charger accepted its remote start but has not started yet";
            case REMOTE_START_REJECTED -> "the charger rejected its remote start";
            case REMOTE_START_EXPIRED -> "its remote start expired";
            case STARTED, STOPPED -> "it has";
        };
    }

    /** The tag whose slot the session holds, if it holds one (see {@link SessionSlotCommandHandler}). */
    String idTag() {
        return idTag;
    }

    private static void requireValid(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new SessionRuleViolation(violations);
        }
    }

    @EventSourcingHandler
    void on(RemoteStartRequested event) {
        sessionId = event.sessionId();
        phase = Phase.REMOTE_START_REQUESTED;
        chargePointId = event.chargePointId();
        requestedConnectorId = event.connectorId();
        idTag = event.idTag();
        remoteStartExpiresAt = event.expiresAt();
    }

    @EventSourcingHandler
    void on(RemoteStartAccepted event) {
        phase = Phase.REMOTE_START_ACCEPTED;
    }

    @EventSourcingHandler
    void on(RemoteStartRejected event) {
        phase = Phase.REMOTE_START_REJECTED;
    }

    @EventSourcingHandler
    void on(RemoteStartExpired event) {
        phase = Phase.REMOTE_START_EXPIRED;
    }

    @EventSourcingHandler
    void on(SessionStarted event) {
        sessionId = event.sessionId();
        phase = Phase.STARTED;
        transactionId = event.transactionId();
        chargePointId = event.chargePointId();
        idTag = event.idTag();
        meterStartWh = event.meterStartWh();
        tariff = event.tariff();
    }

    @EventSourcingHandler
    void on(MeterValuesRecorded event) {
        if (event.afterStop()) {
            return;
        }
        for (MeterSample sample : event.samples()) {
            EnergyRegister.wattHours(sample).ifPresent(wh -> {
                if (highestRegisterWh == null || wh.compareTo(highestRegisterWh) > 0) {
                    highestRegisterWh = wh;
                }
            });
        }
    }

    @EventSourcingHandler
    void on(SessionStopped event) {
        phase = Phase.STOPPED;
    }
}
