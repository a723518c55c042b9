package io.chargeledger.session.api;

import java.util.List;

/** afterStop marks samples that arrived for an already stopped session: kept for audit, never billed. */
public record MeterValuesRecorded(String sessionId, List<MeterSample> samples, boolean afterStop) {

    public MeterValuesRecorded {
        samples = samples == null ? List.of() : List.copyOf(samples);
    }
}
