package io.chargeledger.projections.api;

/** Filters are optional (null = any). Decommissioned chargers are listed only when asked for. */
public record ListChargers(Boolean connected, String targetGroup, boolean includeDecommissioned, int page, int size) {
}
