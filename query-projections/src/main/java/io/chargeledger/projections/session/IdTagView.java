package io.chargeledger.projections.session;

import io.chargeledger.projections.support.InsertedWhenNew;
import io.chargeledger.projections.api.IdTagSummary;
import io.chargeledger.session.api.IdTagStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One row per id tag ever registered, deleted ones included (flagged), for the id tag list and detail pages. */
@Entity
@Table(name = "id_tag_view")
public class IdTagView extends InsertedWhenNew<String> {

    @Id
    @Column(name = "id_tag", length = 20)
    private String idTag;
    @Column(length = 16, nullable = false)
    private String status;
    private Instant expiryDate;
    @Column(length = 20)
    private String parentIdTag;
    private Integer maxActiveSessions;
    @Column(length = 100)
    private String owner;
    private boolean deleted;
    private int activeSessions;
    @Column(nullable = false)
    private Instant registeredAt;
    @Column(nullable = false)
    private Instant updatedAt;
    /** Sequence number of the last event applied: makes handlers idempotent and lets writers wait for it. */
    private long version;

    protected IdTagView() {
    }

    IdTagView(String idTag) {
        this.idTag = idTag;
        this.version = -1;
    }

    String idTag() {
        return idTag;
    }

    @Override
    public String getId() {
        return idTag;
    }

    // Also a re-registration after a delete: every detail is replaced, but sessions still holding slots stay counted.
    void registered(IdTagStatus status, Instant expiryDate, String parentIdTag, Integer maxActiveSessions,
                    String owner, Instant at) {
        details(status, expiryDate, parentIdTag, maxActiveSessions, owner, at);
        this.deleted = false;
        this.registeredAt = at;
    }

    void details(IdTagStatus status, Instant expiryDate, String parentIdTag, Integer maxActiveSessions,
                 String owner, Instant at) {
        this.status = status.name();
        this.expiryDate = expiryDate;
        this.parentIdTag = parentIdTag;
        this.maxActiveSessions = maxActiveSessions;
        this.owner = owner;
        this.updatedAt = at;
    }

    void status(IdTagStatus status, Instant at) {
        this.status = status.name();
        this.updatedAt = at;
    }

    void deleted(Instant at) {
        this.deleted = true;
        this.updatedAt = at;
    }

    void sessionClaimed() {
        activeSessions++;
    }

    void sessionReleased() {
        activeSessions = Math.max(0, activeSessions - 1);
    }

    boolean alreadyApplied(long sequenceNumber) {
        return sequenceNumber <= version;
    }

    void applied(long sequenceNumber) {
        this.version = sequenceNumber;
    }

    IdTagSummary toSummary() {
        return new IdTagSummary(idTag, status, expiryDate, parentIdTag, maxActiveSessions, owner, deleted,
                activeSessions, registeredAt, updatedAt, version);
    }
}
