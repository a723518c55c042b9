package io.chargeledger.projections.charger;

import io.chargeledger.projections.api.ConnectorSummary;
import io.chargeledger.projections.support.InsertedWhenNew;
import jakarta.persistence.Column;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/**
 * One row per connector of a charger, part of the charger read model. Its key is known to Spring Data without
 * reflection: for a composite key it reads the key's parts by bean properties, and each missing getter costs an
 * exception before it falls back to the field.
 */
@Entity
@Table(name = "connector_view")
@IdClass(ConnectorView.Key.class)
public class ConnectorView extends InsertedWhenNew<ConnectorView.Key> {

    @Id
    @Column(name = "charge_point_id", length = 48)
    private String chargePointId;
    @Id
    @Column(name = "connector_id")
    private int connectorId;
    private String status;
    private String errorCode;
    private String info;
    private String vendorId;
    private String vendorErrorCode;
    @Column(name = "status_timestamp")
    private Instant timestamp;
    private Instant updatedAt;
    private String activeSessionId;
    private Integer activeTransactionId;

    protected ConnectorView() {
    }

    ConnectorView(String chargePointId, int connectorId) {
        this.chargePointId = chargePointId;
        this.connectorId = connectorId;
    }

    /**
     * The connector's row in the projection's persistence context (where the batch prefetch put it) or the database,
     * else a new one, persisted: either way managed, so the handler's changes are flushed with the batch.
     */
    static ConnectorView existingOrNew(EntityManager entities, String chargePointId, int connectorId) {
        ConnectorView connector = entities.find(ConnectorView.class, new Key(chargePointId, connectorId));
        if (connector == null) {
            connector = new ConnectorView(chargePointId, connectorId);
            entities.persist(connector);
        }
        return connector;
    }

    void update(String status, String errorCode, String info, String vendorId, String vendorErrorCode,
                Instant timestamp, Instant updatedAt) {
        this.status = status;
        this.errorCode = errorCode;
        this.info = info;
        this.vendorId = vendorId;
        this.vendorErrorCode = vendorErrorCode;
        this.timestamp = timestamp;
        this.updatedAt = updatedAt;
    }

    String chargePointId() {
        return chargePointId;
    }

    Key key() {
        return new Key(chargePointId, connectorId);
    }

    @Override
    public Key getId() {
        return key();
    }

    String activeSessionId() {
        return activeSessionId;
    }

    void sessionStarted(String sessionId, int transactionId) {
        this.activeSessionId = sessionId;
        this.activeTransactionId = transactionId;
    }

    void sessionEnded(String sessionId) {
        if (sessionId.equals(activeSessionId)) {
            this.activeSessionId = null;
            this.activeTransactionId = null;
        }
    }

    ConnectorSummary toSummary() {
        return new ConnectorSummary(connectorId, status, errorCode, info, vendorId, vendorErrorCode, timestamp, updatedAt,
                activeSessionId, activeTransactionId);
    }

    public static class Key implements Serializable {
        private String chargePointId;
        private int connectorId;

        public Key() {
        }

        public Key(String chargePointId, int connectorId) {
            this.chargePointId = chargePointId;
            this.connectorId = connectorId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && connectorId == key.connectorId
                    && java.util.Objects.equals(chargePointId, key.chargePointId);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(chargePointId, connectorId);
        }
    }
}
