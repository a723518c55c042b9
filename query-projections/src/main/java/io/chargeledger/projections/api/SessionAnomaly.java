package io.chargeledger.projections.api;

/** Something odd about a session; code is one of the session domain's SessionAnomalies, detail is optional. */
public record SessionAnomaly(String code, String detail) {
}
