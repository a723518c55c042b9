package io.chargeledger.session.api;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RecordMeterValues(@TargetAggregateIdentifier String sessionId, List<MeterSample> samples) {

    public RecordMeterValues {
        samples = samples == null ? List.of() : List.copyOf(samples);
    }
}
