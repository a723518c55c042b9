package io.chargeledger.projections.api;

/**
 * Answered with a list of {@link MeterSampleSummary} of one session in time order (empty for an unknown session).
 * measurand is an optional filter (null = all).
 */
public record FindMeterSamples(String sessionId, String measurand) {

    public FindMeterSamples(String sessionId) {
        this(sessionId, null);
    }
}
