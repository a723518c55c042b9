package io.chargeledger.api.axon;

import static org.assertj.core.api.Assertions.assertThat;

import io.chargeledger.api.support.ApiIntegrationTest;
import io.chargeledger.projections.charger.ChargerViewProjector;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class EventProcessorHealthTest extends ApiIntegrationTest {

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void healthTurnsDownWhileAProjectionIsNotProcessing() {
        EventProcessor processor = processing.eventProcessor(ChargerViewProjector.PROCESSING_GROUP).orElseThrow();
        assertThat(admin().anonymous().get("/actuator/health").status()).isEqualTo(200);
        processor.shutDown();
        try {
            var health = admin().anonymous().get("/actuator/health");
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.json().path("status").asText()).isEqualTo("DOWN");
            var details = admin().get("/actuator/health");
            assertThat(details.json().path("components").path("eventProcessors").path("details")
                    .path("processors").path(ChargerViewProjector.PROCESSING_GROUP).path("running").asBoolean()).isFalse();
        } finally {
            processor.start();
        }
        assertThat(admin().anonymous().get("/actuator/health").status()).isEqualTo(200);
    }
}
