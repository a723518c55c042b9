package io.chargeledger.projections.charger;

import io.chargeledger.charger.api.ChargerDetails;
import io.chargeledger.charger.api.Location;
import io.chargeledger.charger.api.Pricing;
import io.chargeledger.projections.api.ChargerSummary;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/** One row per charger: what the charger list and detail pages show. */
@Entity
@Table(name = "charger_view")
public class ChargerView {

    @Id
    @Column(name = "charge_point_id", length = 48)
    private String chargePointId;
    private String serialNumber;
    private String catalogNumber;
    private String vendor;
    private String model;
    private Integer ratedVolts;
    private Integer ratedAmps;
    private Integer maximumAmps;
    @Column(precision = 12, scale = 3)
    private BigDecimal powerKw;
    private String ipAddress;
    private String targetGroup;
    private String locationName;
    private String locationAddress;
    @Column(precision = 10, scale = 7)
    private BigDecimal latitude;
    @Column(precision = 10, scale = 7)
    private BigDecimal longitude;
    @Column(precision = 12, scale = 5)
    private BigDecimal pricePerKwh;
    @Column(length = 3)
    private String currency;
    @Column(precision = 12, scale = 5)
    private BigDecimal sessionFee;
    private Integer connectorCount;
    private int securityProfile;
    private boolean decommissioned;
    private boolean connected;
    private Instant connectedSince;
    private Instant lastSeen;
    private Instant registeredAt;
    private String registrationStatus;
    private boolean pendingApproval;
    private String nodeId;
    private String connectionId;
    private String remoteAddress;
    private String bootVendor;
    private String bootModel;
    private String bootSerialNumber;
    private String chargeBoxSerialNumber;
    private String firmwareVersion;
    private String iccid;
    private String imsi;
    private String meterType;
    private String meterSerialNumber;
    private Instant bootedAt;
    private String firmwareStatus;
    private String diagnosticsStatus;
    /** Sequence number of the last event applied: makes handlers idempotent and lets writers wait for it. */
    private long version;

    protected ChargerView() {
    }

    ChargerView(String chargePointId, Instant registeredAt) {
        this.chargePointId = chargePointId;
        this.registeredAt = registeredAt;
        this.registrationStatus = "NEVER_BOOTED";
        this.version = -1;
    }

    void pendingApproval(boolean pending) {
        this.pendingApproval = pending;
    }

    void booted(io.chargeledger.charger.api.BootInfo boot, String status, Instant at) {
        this.bootVendor = boot.chargePointVendor();
        this.bootModel = boot.chargePointModel();
        this.bootSerialNumber = boot.chargePointSerialNumber();
        this.chargeBoxSerialNumber = boot.chargeBoxSerialNumber();
        this.firmwareVersion = boot.firmwareVersion();
        this.iccid = boot.iccid();
        this.imsi = boot.imsi();
        this.meterType = boot.meterType();
        this.meterSerialNumber = boot.meterSerialNumber();
        this.bootedAt = at;
        this.registrationStatus = status;
        if (vendor == null) {
            // an auto-registered charger is known only by what it says of itself
            this.vendor = boot.chargePointVendor();
            this.model = boot.chargePointModel();
            this.serialNumber = boot.chargePointSerialNumber();
        }
        seen(at);
    }

    void firmwareStatus(String status, Instant at) {
        this.firmwareStatus = status;
        seen(at);
    }

    void diagnosticsStatus(String status, Instant at) {
        this.diagnosticsStatus = status;
        seen(at);
    }

    void applyDetails(ChargerDetails details, int securityProfile) {
        this.serialNumber = details.serialNumber();
        this.catalogNumber = details.catalogNumber();
        this.vendor = details.vendor();
        this.model = details.model();
        this.ratedVolts = details.ratedVolts();
        this.ratedAmps = details.ratedAmps();
        this.maximumAmps = details.maximumAmps();
        this.powerKw = details.powerKW();
        this.ipAddress = details.ipAddress();
        this.targetGroup = details.targetGroup();
        Location location = details.location();
        this.locationName = location == null ? null : location.name();
        this.locationAddress = location == null ? null : location.address();
        this.latitude = location == null ? null : location.latitude();
        this.longitude = location == null ? null : location.longitude();
        Pricing pricing = details.pricing();
        this.pricePerKwh = pricing == null ? null : pricing.pricePerKwh();
        this.currency = pricing == null ? null : pricing.currency();
        this.sessionFee = pricing == null ? null : pricing.sessionFee();
        this.connectorCount = details.connectorCount();
        this.securityProfile = securityProfile;
    }

    void markConnected(String nodeId, String connectionId, String remoteAddress, Instant at) {
        this.connected = true;
        this.connectedSince = at;
        this.nodeId = nodeId;
        this.connectionId = connectionId;
        this.remoteAddress = remoteAddress;
        seen(at);
    }

    void markDisconnected(String connectionId, Instant at) {
        if (this.connectionId != null && !this.connectionId.equals(connectionId)) {
            return;
        }
        this.connected = false;
        this.connectedSince = null;
        this.nodeId = null;
        this.connectionId = null;
        seen(at);
    }

    void seen(Instant at) {
        if (lastSeen == null || at.isAfter(lastSeen)) {
            lastSeen = at;
        }
    }

    void decommission() {
        this.decommissioned = true;
        this.connected = false;
        this.connectedSince = null;
    }

    boolean alreadyApplied(long sequenceNumber) {
        return sequenceNumber <= version;
    }

    void applied(long sequenceNumber) {
        this.version = sequenceNumber;
    }

    /** Numeric columns pad to their scale (0.30000); hand out the value as it was given (0.3). */
    private static BigDecimal plain(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    ChargerSummary toSummary(java.util.List<io.chargeledger.projections.api.ConnectorSummary> connectors) {
        Location location = locationName == null && locationAddress == null && latitude == null
                ? null : new Location(locationName, locationAddress, plain(latitude), plain(longitude));
        Pricing pricing = pricePerKwh == null && currency == null
                ? null : new Pricing(plain(pricePerKwh), currency, plain(sessionFee));
        return new ChargerSummary(chargePointId, serialNumber, catalogNumber, vendor, model, ratedVolts, ratedAmps,
                maximumAmps, plain(powerKw), ipAddress, targetGroup, location, pricing, connectorCount, securityProfile,
                decommissioned, connected, connectedSince, lastSeen, registeredAt, registrationStatus,
                pendingApproval, nodeId, remoteAddress, bootedAt == null ? null : new io.chargeledger.projections.api.BootSummary(
                        bootVendor, bootModel, bootSerialNumber, chargeBoxSerialNumber, firmwareVersion, iccid, imsi,
                        meterType, meterSerialNumber, bootedAt),
                firmwareStatus, diagnosticsStatus, connectors, version);
    }

    String chargePointId() {
        return chargePointId;
    }

    String connectionId() {
        return connectionId;
    }
}
