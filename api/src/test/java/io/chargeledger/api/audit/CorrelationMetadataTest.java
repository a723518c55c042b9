package io.chargeledger.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chargeledger.api.axon.CorrelationMetadata;
import io.chargeledger.api.support.ApiIntegrationTest;
import io.chargeledger.api.support.TestChargers;
import io.chargeledger.charger.api.RecordFirmwareStatus;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Who and why: every command sent from an HTTP request, and every event it applies, records actor and request id. */
class CorrelationMetadataTest extends ApiIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "correlation-key-0123456789";

    @Autowired
    EventStore eventStore;
    @Autowired
    CommandGateway commandGateway;

    private RawHttp http() {
        return new RawHttp(port, "admin", ADMIN_PASSWORD);
    }

    private HttpResponse<String> register(String chargePointId, String... headers) throws Exception {
        HttpResponse<String> created = http().post("/api/chargers",
                JSON.writeValueAsString(TestChargers.versiCharge(chargePointId, KEY)), headers);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return created;
    }

    private List<? extends DomainEventMessage<?>> events(String aggregateId) {
        return eventStore.readEvents(aggregateId, 0).asStream().toList();
    }

    @Test
    void aRegistrationViaRestRecordsTheUserAndTheRequestIdOnTheStoredEvent() throws Exception {
        String id = TestChargers.uniqueId("CORR");
        String requestId = "audit-" + UUID.randomUUID();

        HttpResponse<String> created = register(id, "X-Request-Id", requestId);

        assertThat(created.headers().firstValue("X-Request-Id")).contains(requestId);
        DomainEventMessage<?> registered = events(id).get(0);
        assertThat(registered.getPayloadType().getSimpleName()).isEqualTo("ChargerRegistered");
        MetaData metadata = registered.getMetaData();
        assertThat(metadata.get(CorrelationMetadata.ACTOR)).isEqualTo("user:admin");
        assertThat(metadata.get(CorrelationMetadata.HTTP_REQUEST_ID)).isEqualTo(requestId);
        // Axon's own correlation keys are kept beside ours
        assertThat(metadata).containsKeys("correlationId", "traceId");
    }

    @Test
    void withoutAnIncomingIdTheServerGeneratesOneAndTheEventRecordsIt() throws Exception {
        String id = TestChargers.uniqueId("CORR");

        HttpResponse<String> created = register(id);

        String requestId = created.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(UUID.fromString(requestId)).isNotNull();
        assertThat(events(id).get(0).getMetaData().get(CorrelationMetadata.HTTP_REQUEST_ID)).isEqualTo(requestId);
    }

    @Test
    void anInsaneIncomingIdIsReplacedNotEchoed() throws Exception {
        String id = TestChargers.uniqueId("CORR");
        String insane = "<script>alert(1)</script>";

        HttpResponse<String> created = register(id, "X-Request-Id", insane);

        String requestId = created.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(requestId).isNotEqualTo(insane);
        assertThat(UUID.fromString(requestId)).isNotNull();
        assertThat(events(id).get(0).getMetaData().get(CorrelationMetadata.HTTP_REQUEST_ID)).isEqualTo(requestId);
        assertThat(RequestIdFilter.requestId("x".repeat(129))).hasSize(36);
        assertThat(RequestIdFilter.requestId("01HZX3Q8J5K2M4N6P8R0S2T4V6")).isEqualTo("01HZX3Q8J5K2M4N6P8R0S2T4V6");
        assertThat(RequestIdFilter.requestId("trace:4bf92f3577b34da6.a3ce929d0e0e4736-01"))
                .isEqualTo("trace:4bf92f3577b34da6.a3ce929d0e0e4736-01");
        assertThat(RequestIdFilter.requestId("has space")).isNotEqualTo("has space");
    }

    @Test
    void everyResponseCarriesARequestIdEvenARefusal() {
        HttpResponse<String> refused = new RawHttp(port, null, null).get("/api/chargers", "X-Request-Id", "refused-1");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("X-Request-Id")).contains("refused-1");

        HttpResponse<String> notFound = http().get("/api/chargers/" + TestChargers.uniqueId("NONE"));
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.headers().firstValue("X-Request-Id")).isPresent();
    }

    @Test
    void everyCommandOfOneRequestCarriesTheSameRequestId() throws Exception {
        String id = TestChargers.uniqueId("CORR");
        register(id);
        String requestId = "update-" + UUID.randomUUID();
        var update = TestChargers.versiCharge(id, null);
        update.remove("authorizationKey");
        update.put("model", "VersiCharge II");
        HttpResponse<String> updated = new RawHttp(port, "admin", ADMIN_PASSWORD).put("/api/chargers/" + id,
                JSON.writeValueAsString(update), "X-Request-Id", requestId);
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);

        DomainEventMessage<?> event = events(id).get(1);
        assertThat(event.getPayloadType().getSimpleName()).isEqualTo("ChargerDetailsUpdated");
        assertThat(event.getMetaData().get(CorrelationMetadata.HTTP_REQUEST_ID)).isEqualTo(requestId);
        assertThat(event.getMetaData().get(CorrelationMetadata.ACTOR)).isEqualTo("user:admin");
    }

    @Test
    void explicitOcppMetadataWinsAndIsCopiedOntoTheEvents() throws Exception {
        String id = TestChargers.uniqueId("CORR");
        register(id);
        MetaData ocpp = MetaData.with(CorrelationMetadata.ACTOR, "charger:" + id)
                .and(CorrelationMetadata.OCPP_MESSAGE_ID, "msg-42")
                .and(CorrelationMetadata.OCPP_ACTION, "FirmwareStatusNotification")
                .and("unrelated", "not copied");

        // as if sent while an HTTP request is bound to the thread: the explicit actor must still win
        try (CorrelationMetadata.Binding ignored = CorrelationMetadata.bind("req-during-ocpp", () -> "someone")) {
            commandGateway.sendAndWait(new RecordFirmwareStatus(id, "Downloading"), ocpp);
        }
        // and from a thread without any request (the OCPP adapter's own threads)
        commandGateway.sendAndWait(new RecordFirmwareStatus(id, "Downloaded"), ocpp.and(
                CorrelationMetadata.OCPP_MESSAGE_ID, "msg-43"));

        List<? extends DomainEventMessage<?>> events = events(id);
        MetaData first = events.get(1).getMetaData();
        assertThat(first.get(CorrelationMetadata.ACTOR)).isEqualTo("charger:" + id);
        assertThat(first.get(CorrelationMetadata.OCPP_MESSAGE_ID)).isEqualTo("msg-42");
        assertThat(first.get(CorrelationMetadata.OCPP_ACTION)).isEqualTo("FirmwareStatusNotification");
        assertThat(first.get(CorrelationMetadata.HTTP_REQUEST_ID)).isEqualTo("req-during-ocpp");
        assertThat(first).doesNotContainKey("unrelated");
        MetaData second = events.get(2).getMetaData();
        assertThat(second.get(CorrelationMetadata.ACTOR)).isEqualTo("charger:" + id);
        assertThat(second.get(CorrelationMetadata.OCPP_MESSAGE_ID)).isEqualTo("msg-43");
        assertThat(second).doesNotContainKey(CorrelationMetadata.HTTP_REQUEST_ID);
    }

    @Test
    void commandsOutsideAnyRequestGetNoInventedActor() {
        assertThat(CorrelationMetadata.currentRequestMetadata()).isEmpty();
        try (CorrelationMetadata.Binding ignored = CorrelationMetadata.bind("r-1", () -> null)) {
            assertThat(CorrelationMetadata.currentRequestMetadata())
                    .containsExactly(java.util.Map.entry(CorrelationMetadata.HTTP_REQUEST_ID, "r-1"));
        }
        assertThat(CorrelationMetadata.currentRequestMetadata()).isEmpty();
    }
}
