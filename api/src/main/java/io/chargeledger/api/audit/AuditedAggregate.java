package io.chargeledger.api.audit;

import io.chargeledger.charger.Charger;
import io.chargeledger.session.ChargingSession;

/**
 * The aggregates whose history the audit API serves. An identifier alone does not tell the type (an id tag and a
 * charger could share one), so every stream is checked against the aggregate type recorded with its events.
 */
enum AuditedAggregate {

    CHARGER(Charger.class.getSimpleName(), "charger", "chargePointId"),
    SESSION(ChargingSession.class.getSimpleName(), "session", "sessionId");

    private final String aggregateType;
    private final String noun;
    private final String idName;

    AuditedAggregate(String aggregateType, String noun, String idName) {
        this.aggregateType = aggregateType;
        this.noun = noun;
        this.idName = idName;
    }

    String aggregateType() {
        return aggregateType;
    }

    String noun() {
        return noun;
    }

    String unknown(String id) {
        return "No " + noun + " with " + idName + " " + id;
    }
}
