package io.chargeledger.api.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.junit.jupiter.api.Test;

/** What the correlation data provider passes on from the message being handled. */
class CorrelationDataProviderTest {

    private static final MetaData AUDIT = MetaData.from(Map.of(CorrelationMetadata.ACTOR, "user:alice",
            CorrelationMetadata.HTTP_REQUEST_ID, "req-1", "unrelated", "x"));

    private final CorrelationDataProvider provider = CorrelationMetadata.correlationDataProvider();

    @Test
    void anEventHandledWhereItIsPublishedPassesItsAuditKeysOn() {
        // as a subscribing processor (the remote start's command sender) sees it
        var event = new GenericDomainEventMessage<>("ChargingSession", "s-1", 0, "payload", AUDIT);

        assertThat(provider.correlationDataFor(event)).isEqualTo(Map.of(CorrelationMetadata.ACTOR, "user:alice",
                CorrelationMetadata.HTTP_REQUEST_ID, "req-1"));
    }

    @Test
    void anEventATrackingProcessorDeliversPassesNothingOn() {
        var event = new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(7),
                new GenericDomainEventMessage<>("ChargingSession", "s-1", 0, "payload", AUDIT));

        assertThat(provider.correlationDataFor(event)).isEmpty();
        assertThat(CorrelationMetadata.exceptFromReadModels(new MessageOriginProvider()).correlationDataFor(event))
                .isEmpty();
    }

    @Test
    void axonsOriginDataIsStillPassedOnFromOtherMessages() {
        var event = new GenericDomainEventMessage<>("ChargingSession", "s-1", 0, "payload", AUDIT);

        Map<String, ?> origin = CorrelationMetadata.exceptFromReadModels(new MessageOriginProvider())
                .correlationDataFor(event);

        assertThat(origin.get("correlationId")).isEqualTo(event.getIdentifier());
        assertThat(origin.get("traceId")).isEqualTo(event.getIdentifier());
    }
}
