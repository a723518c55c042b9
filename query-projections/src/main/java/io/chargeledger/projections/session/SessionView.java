package io.chargeledger.projections.session;

import io.chargeledger.projections.api.SessionAnomaly;
import io.chargeledger.projections.api.SessionStatus;
import io.chargeledger.projections.api.SessionSummary;
import io.chargeledger.projections.support.InsertedWhenNew;
import io.chargeledger.session.api.IdTokens;
import io.chargeledger.session.api.Tariff;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One row per charging session: what session lists, session pages and billing exports show. */
@Entity
@Table(name = "session_view")
public class SessionView extends InsertedWhenNew<String> {

    private static final String LINE = "\n";
    private static final String DETAIL = "\t";

    @Id
    @Column(name = "session_id", length = 36)
    private String sessionId;
    private Integer transactionId;
    // wider than a chargePointId (48) on purpose: the session domain does not bound it, and an over-long value
    // must never stop this projection
    private String chargePointId;
    private Integer connectorId;
    /** Canonical (upper case), so that filters match the IdTag aggregate's identity. */
    @Column(length = 20)
    private String idTag;
    @Column(length = 32, nullable = false)
    private String status;
    private Boolean authorized;
    @Column(length = 16)
    private String authorizationStatus;
    private Long meterStartWh;
    private Long meterStopWh;
    private Long energyWh;
    private BigDecimal cost;
    @Column(length = 3)
    private String currency;
    private BigDecimal tariffPricePerKwh;
    @Column(length = 3)
    private String tariffCurrency;
    private BigDecimal tariffSessionFee;
    /** The charger's start time once started, before that the server time of the remote start request. */
    private Instant beganAt;
    private Instant startedAt;
    private Instant startReceivedAt;
    private Instant stoppedAt;
    private Instant stopReceivedAt;
    private String stopReason;
    private String stopIdTag;
    private String requestedBy;
    private Instant requestedAt;
    private Instant remoteStartExpiresAt;
    private Boolean remoteStartAccepted;
    private Instant remoteStartExpiredAt;
    private String remoteStopRequestedBy;
    private Instant remoteStopRequestedAt;
    @Column(length = 36)
    private String supersededBy;
    private Integer reservationId;
    /** One anomaly per line: its code, then a tab and its detail if there is one. */
    @Column(columnDefinition = "text")
    private String anomalies;
    private Instant lastMeterValueAt;
    /** Sequence number of the last event applied: makes handlers idempotent and lets writers wait for it. */
    private long version;

    protected SessionView() {
    }

    SessionView(String sessionId) {
        this.sessionId = sessionId;
        this.version = -1;
    }

    @Override
    public String getId() {
        return sessionId;
    }

    void remoteStartRequested(String chargePointId, Integer connectorId, String idTag, String requestedBy,
                              Instant expiresAt, Instant requestedAt) {
        this.chargePointId = chargePointId;
        this.connectorId = connectorId;
        this.idTag = IdTokens.canonical(idTag);
        this.requestedBy = requestedBy;
        this.remoteStartExpiresAt = expiresAt;
        this.requestedAt = requestedAt;
        this.beganAt = requestedAt;
        this.status = SessionStatus.PENDING_REMOTE_START.name();
    }

    void remoteStartAnswered(boolean accepted) {
        this.remoteStartAccepted = accepted;
        if (!accepted) {
            this.status = SessionStatus.REMOTE_START_REJECTED.name();
        }
    }

    void remoteStartExpired(Instant expiredAt) {
        this.remoteStartExpiredAt = expiredAt;
        this.status = SessionStatus.REMOTE_START_EXPIRED.name();
    }

    void started(int transactionId, String chargePointId, int connectorId, String idTag, long meterStartWh,
                 Instant chargerTimestamp, Instant receivedAt, Tariff tariff, boolean authorized,
                 String authorizationStatus, Integer reservationId) {
        this.transactionId = transactionId;
        this.chargePointId = chargePointId;
        this.connectorId = connectorId;
        this.idTag = IdTokens.canonical(idTag);
        this.meterStartWh = meterStartWh;
        this.startedAt = chargerTimestamp;
        this.startReceivedAt = receivedAt;
        this.beganAt = chargerTimestamp;
        this.tariffPricePerKwh = tariff == null ? null : tariff.pricePerKwh();
        this.tariffCurrency = tariff == null ? null : tariff.currency();
        this.tariffSessionFee = tariff == null ? null : tariff.sessionFee();
        this.authorized = authorized;
        this.authorizationStatus = authorizationStatus;
        this.reservationId = reservationId;
        this.status = SessionStatus.ACTIVE.name();
        // A start bound to a remote request proves the charger accepted it. Its answer may be recorded after the
        // start or not at all (ChargingSession keeps only an answer that arrives while the request waits), since a
        // charger sends StartTransaction right after its CALLRESULT and the two are handled concurrently.
        if (requestedBy != null && remoteStartAccepted == null) {
            this.remoteStartAccepted = true;
        }
    }

    void metered(Instant latestSample) {
        if (latestSample != null && (lastMeterValueAt == null || latestSample.isAfter(lastMeterValueAt))) {
            lastMeterValueAt = latestSample;
        }
    }

    void remoteStopRequested(String requestedBy, Instant at) {
        this.remoteStopRequestedBy = requestedBy;
        this.remoteStopRequestedAt = at;
    }

    void superseded(String supersededBy) {
        this.supersededBy = supersededBy;
    }

    void stopped(long meterStopWh, String reason, Instant chargerTimestamp, Instant receivedAt, long energyWh,
                 BigDecimal cost, String currency, String stopIdTag, List<String> anomalyCodes) {
        this.meterStopWh = meterStopWh;
        this.stopReason = reason;
        this.stoppedAt = chargerTimestamp;
        this.stopReceivedAt = receivedAt;
        this.energyWh = energyWh;
        this.cost = cost;
        this.currency = currency;
        this.stopIdTag = IdTokens.canonical(stopIdTag);
        anomalyCodes.forEach(code -> flag(code, null));
        this.status = SessionStatus.STOPPED.name();
    }

    void flag(String code, String detail) {
        String line = oneLine(code) + (detail == null || detail.isBlank() ? "" : DETAIL + oneLine(detail));
        anomalies = anomalies == null ? line : anomalies + LINE + line;
    }

    boolean alreadyApplied(long sequenceNumber) {
        return sequenceNumber <= version;
    }

    void applied(long sequenceNumber) {
        this.version = sequenceNumber;
    }

    String sessionId() {
        return sessionId;
    }

    SessionSummary toSummary() {
        Tariff tariff = tariffPricePerKwh == null && tariffCurrency == null
                ? null : new Tariff(tariffPricePerKwh, tariffCurrency, tariffSessionFee);
        return new SessionSummary(sessionId, transactionId, chargePointId, connectorId, idTag,
                SessionStatus.valueOf(status), authorized, authorizationStatus, meterStartWh, meterStopWh, energyWh,
                cost, currency, tariff, beganAt, startedAt, startReceivedAt, stoppedAt, stopReceivedAt, stopReason,
                stopIdTag, requestedBy, requestedAt, remoteStartExpiresAt, remoteStartAccepted, remoteStartExpiredAt,
                remoteStopRequestedBy, remoteStopRequestedAt, supersededBy, reservationId, anomalyList(),
                lastMeterValueAt, version);
    }

    private List<SessionAnomaly> anomalyList() {
        List<SessionAnomaly> list = new ArrayList<>();
        if (anomalies == null || anomalies.isEmpty()) {
            return list;
        }
        for (String line : anomalies.split(LINE)) {
            int tab = line.indexOf(DETAIL);
            list.add(tab < 0 ? new SessionAnomaly(line, null)
                    : new SessionAnomaly(line.substring(0, tab), line.substring(tab + 1)));
        }
        return list;
    }

    private static String oneLine(String text) {
        return text.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
    }
}
