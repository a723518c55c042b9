package io.chargeledger.api.axon;

import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health turns DOWN when an event processor is in error or stopped: otherwise a read model could silently
 * stop updating while the server looks fine.
 */
@Component("eventProcessors")
public class EventProcessorsHealthIndicator implements HealthIndicator {

    private final EventProcessingConfiguration processing;

    public EventProcessorsHealthIndicator(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up();
        Map<String, Object> details = new LinkedHashMap<>();
        processing.eventProcessors().forEach((name, processor) -> {
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("running", processor.isRunning());
            status.put("error", processor.isError());
            if (processor instanceof StreamingEventProcessor streaming) {
                boolean segmentInError = streaming.processingStatus().values().stream()
                        .anyMatch(EventTrackerStatus::isErrorState);
                status.put("segmentInError", segmentInError);
                status.put("replaying", streaming.isReplaying());
                if (segmentInError) {
                    health.down();
                }
            }
            if (processor.isError() || !processor.isRunning()) {
                health.down();
            }
            details.put(name, status);
        });
        return health.withDetail("processors", details).build();
    }
}
