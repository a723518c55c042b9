package io.chargeledger.projections.session;

import io.chargeledger.projections.api.MeterSampleSummary;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One sampled value of a session (for charts). Its key is the event that recorded it and its place in that event,
 * so a replayed event can never add a row twice. Rows are only ever inserted, by {@link MeterSampleWriter}; this entity
 * reads them.
 */
@Entity
@Table(name = "meter_sample")
@IdClass(MeterSampleView.Key.class)
public class MeterSampleView {

    @Id
    @Column(name = "session_id", length = 36)
    private String sessionId;
    @Id
    @Column(name = "event_sequence")
    private long eventSequence;
    @Id
    @Column(name = "sample_index")
    private int sampleIndex;
    @Column(name = "sampled_at", nullable = false)
    private Instant timestamp;
    @Column(nullable = false)
    private String measurand;
    private String phase;
    private String unit;
    private String context;
    private String location;
    @Column(name = "sample_value", nullable = false)
    private BigDecimal value;
    private boolean afterStop;

    protected MeterSampleView() {
    }


    MeterSampleSummary toSummary() {
        return new MeterSampleSummary(timestamp, measurand, phase, unit, context, location, value, afterStop);
    }

    public static class Key implements Serializable {
        private String sessionId;
        private long eventSequence;
        private int sampleIndex;

        public Key() {
        }

        public Key(String sessionId, long eventSequence, int sampleIndex) {
            this.sessionId = sessionId;
            this.eventSequence = eventSequence;
            this.sampleIndex = sampleIndex;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && eventSequence == key.eventSequence && sampleIndex == key.sampleIndex
                    && Objects.equals(sessionId, key.sessionId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(sessionId, eventSequence, sampleIndex);
        }
    }
}
