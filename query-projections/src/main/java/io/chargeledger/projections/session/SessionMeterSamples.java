package io.chargeledger.projections.session;

import io.chargeledger.projections.api.FindMeterSamples;
import io.chargeledger.projections.api.MeterSampleSummary;
import io.chargeledger.session.api.MeterSample;
import io.chargeledger.session.api.MeterValuesRecorded;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * A session's sampled values, read from the session's own events when a chart asks for them. They are not kept in a
 * read model: each MeterValues event already holds its samples, a session's events number in the hundreds or
 * thousands, and they are found by their aggregate identifier. A table of samples cost the session view one row per
 * sampled value (a replay of a million events wrote over a million rows, about a third of the session view's replay
 * time) and answered no other query.
 */
@Component
class SessionMeterSamples {

    private final EventStore eventStore;

    SessionMeterSamples(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @QueryHandler
    List<MeterSampleSummary> handle(FindMeterSamples query) {
        List<MeterSampleSummary> samples = new ArrayList<>();
        if (query.sessionId() == null) {
            return samples;
        }
        // from the first event on: a snapshot, if one were ever taken, would hide the samples before it
        eventStore.readEvents(query.sessionId(), 0).asStream()
                .filter(event -> MeterValuesRecorded.class.equals(event.getPayloadType()))
                .map(event -> (MeterValuesRecorded) event.getPayload())
                .forEach(event -> {
                    for (MeterSample sample : event.samples()) {
                        if (query.measurand() == null || query.measurand().equals(sample.measurand())) {
                            samples.add(new MeterSampleSummary(sample.timestamp(), sample.measurand(), sample.phase(),
                                    sample.unit(), sample.context(), sample.location(), sample.value(),
                                    event.afterStop()));
                        }
                    }
                });
        // stable: samples of the same time stay in the order they were recorded (event, then place in the event)
        samples.sort(Comparator.comparing(MeterSampleSummary::timestamp,
                Comparator.nullsLast(Comparator.naturalOrder())));
        return samples;
    }
}
