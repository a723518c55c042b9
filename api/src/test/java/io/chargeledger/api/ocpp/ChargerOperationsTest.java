package io.chargeledger.api.ocpp;

import static io.chargeledger.api.support.OcppTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chargeledger.api.support.ApiClient;
import io.chargeledger.api.support.ApiIntegrationTest;
import io.chargeledger.api.support.OcppTestClient;
import io.chargeledger.charger.api.ChargerOperationCompleted;
import io.chargeledger.charger.api.ChargerOperationRequested;
import io.chargeledger.charger.api.OperationOutcome;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

/** Central system -> charger operations through REST, answered by a test charge point over a real socket. */
class ChargerOperationsTest extends ApiIntegrationTest {

    private static final String KEY = "operations-key-0123456789";

    @Autowired
    EventStore eventStore;

    /** operation, request payload, the answer our test charge point gives. */
    static List<Object[]> operations() {
        return List.of(
                new Object[] {"RemoteStartTransaction", "{\"connectorId\":1,\"idTag\":\"TAG-1\"}", "{\"status\":\"Accepted\"}"},
                new Object[] {"RemoteStopTransaction", "{\"transactionId\":42}", "{\"status\":\"Rejected\"}"},
                new Object[] {"Reset", "{\"type\":\"Soft\"}", "{\"status\":\"Accepted\"}"},
                new Object[] {"ChangeAvailability", "{\"connectorId\":0,\"type\":\"Inoperative\"}", "{\"status\":\"Scheduled\"}"},
                new Object[] {"ChangeConfiguration", "{\"key\":\"HeartbeatInterval\",\"value\":\"60\"}", "{\"status\":\"Accepted\"}"},
                new Object[] {"GetConfiguration", "{\"key\":[\"HeartbeatInterval\"]}",
                        "{\"configurationKey\":[{\"key\":\"HeartbeatInterval\",\"readonly\":false,\"value\":\"60\"}],\"unknownKey\":[]}"},
                new Object[] {"ClearCache", "{}", "{\"status\":\"Accepted\"}"},
                new Object[] {"UnlockConnector", "{\"connectorId\":1}", "{\"status\":\"Unlocked\"}"},
                new Object[] {"TriggerMessage", "{\"requestedMessage\":\"StatusNotification\",\"connectorId\":1}", "{\"status\":\"Accepted\"}"},
                new Object[] {"DataTransfer", "{\"vendorId\":\"com.example\",\"messageId\":\"ping\",\"data\":\"1\"}",
                        "{\"status\":\"Accepted\",\"data\":\"pong\"}"});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void eachOperationReachesTheChargerAndReturnsItsAnswer(String operation, String request, String answer) throws Exception {
        String id = registerCharger("OP", KEY);
        try (OcppTestClient charger = connectBooted(id, KEY)) {
            CompletableFuture<ApiClient.Response> response = CompletableFuture.supplyAsync(
                    () -> admin().post("/api/chargers/" + id + "/operations/" + operation, request));
            JsonNode call = charger.expectCall(operation);
            assertThat(call.get(3)).isEqualTo(json(request));
            charger.reply(call, json(answer));

            ApiClient.Response result = response.get();
            assertThat(result.status()).as(result.body()).isEqualTo(200);
            assertThat(result.json()).isEqualTo(json(answer));
            String operationId = result.header("X-Operation-Id");
            assertThat(operationId).isNotBlank();

            List<Object> events = eventStore.readEvents(id).asStream().map(DomainEventMessage::getPayload)
                    .map(Object.class::cast).toList();
            assertThat(events).anySatisfy(e -> assertThat(e).isEqualTo(
                    new ChargerOperationRequested(id, operationId, operation, json(request).toString(), "admin")));
            assertThat(events).anySatisfy(e -> assertThat(e).isEqualTo(new ChargerOperationCompleted(id, operationId,
                    operation, OperationOutcome.ANSWERED, json(answer).toString(), null, null)));
        }
    }

    @Test
    void aNewAuthorizationKeySentToTheChargerIsMaskedInEveryAuditFormat() throws Exception {
        String id = registerCharger("KEYOP", KEY);
        String newKey = "new-plain-key-0123456789abcdef";
        String request = "{\"key\":\"AuthorizationKey\",\"value\":\"" + newKey + "\"}";
        try (OcppTestClient charger = connectBooted(id, KEY)) {
            CompletableFuture<ApiClient.Response> response = CompletableFuture.supplyAsync(
                    () -> admin().post("/api/chargers/" + id + "/operations/ChangeConfiguration", request));
            charger.reply(charger.expectCall("ChangeConfiguration"), json("{\"status\":\"Accepted\"}"));
            assertThat(response.get().status()).isEqualTo(200);
        }
        // the event store keeps what the charger was sent; auditors see it masked, in every format
        assertThat(eventStore.readEvents(id, 0).asStream().map(DomainEventMessage::getPayload)
                .filter(ChargerOperationRequested.class::isInstance).map(ChargerOperationRequested.class::cast)
                .map(ChargerOperationRequested::requestJson)).singleElement().asString().contains(newKey);
        for (String format : List.of("json", "jsonl", "csv")) {
            ApiClient.Response audit = admin().get("/api/audit/chargers/" + id + "/events?format=" + format);
            assertThat(audit.status()).as(format).isEqualTo(200);
            assertThat(audit.body()).as(format).doesNotContain(newKey).contains("AuthorizationKey");
        }
        JsonNode requested = null;
        for (String line : admin().get("/api/audit/chargers/" + id + "/events?format=jsonl").body().split("\n")) {
            if (json(line).path("type").asText().equals("ChargerOperationRequested")) {
                requested = json(line).path("payload");
            }
        }
        assertThat(requested).isNotNull();
        assertThat(json(requested.path("requestJson").asText())).isEqualTo(json("{\"key\":\"AuthorizationKey\",\"value\":\"***\"}"));
    }

    @Test
    void aChargerThatDoesNotAnswerTimesOutWith504AndTheNextCallProceeds() throws Exception {
        String id = registerCharger("SLOW", KEY);
        try (OcppTestClient charger = connectBooted(id, KEY)) {
            CompletableFuture<ApiClient.Response> first = CompletableFuture.supplyAsync(
                    () -> admin().post("/api/chargers/" + id + "/operations/Reset", "{\"type\":\"Hard\"}"));
            charger.expectCall("Reset"); // never answered
            long resetReceived = System.nanoTime();
            CompletableFuture<ApiClient.Response> second = CompletableFuture.supplyAsync(
                    () -> admin().post("/api/chargers/" + id + "/operations/ClearCache", "{}"));
            // one outstanding CALL per connection: ClearCache waits until Reset timed out (2 s in tests)
            JsonNode clearCache = charger.expectCall("ClearCache");
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - resetReceived)).isGreaterThan(java.time.Duration.ofMillis(1500));
            assertThat(first.get().status()).isEqualTo(504);
            assertThat(first.get().contentType()).startsWith("application/problem+json");
            charger.callOk("Heartbeat", json("{}"));
            charger.reply(clearCache, json("{\"status\":\"Accepted\"}"));
            assertThat(second.get().status()).isEqualTo(200);
            assertThat(eventStore.readEvents(id).asStream().map(DomainEventMessage::getPayload)
                    .filter(ChargerOperationCompleted.class::isInstance).map(ChargerOperationCompleted.class::cast)
                    .map(ChargerOperationCompleted::outcome).toList())
                    .containsExactly(OperationOutcome.TIMED_OUT, OperationOutcome.ANSWERED);
        }
    }

    @Test
    void aCallErrorFromTheChargerIsA502NamingIt() throws Exception {
        String id = registerCharger("ERR", KEY);
        try (OcppTestClient charger = connectBooted(id, KEY)) {
            CompletableFuture<ApiClient.Response> response = CompletableFuture.supplyAsync(
                    () -> admin().post("/api/chargers/" + id + "/operations/UnlockConnector", "{\"connectorId\":1}"));
            charger.replyError(charger.expectCall("UnlockConnector"), "NotSupported", "no lock on this model");
            ApiClient.Response result = response.get();
            assertThat(result.status()).isEqualTo(502);
            assertThat(result.json().path("errorCode").asText()).isEqualTo("NotSupported");
            assertThat(result.json().path("detail").asText()).contains("no lock on this model");
        }
    }

    @Test
    void anInvalidAnswerFromTheChargerIsNotPassedOn() throws Exception {
        String id = registerCharger("BADANS", KEY);
        try (OcppTestClient charger = connectBooted(id, KEY)) {
            CompletableFuture<ApiClient.Response> response = CompletableFuture.supplyAsync(
                    () -> admin().post("/api/chargers/" + id + "/operations/Reset", "{\"type\":\"Soft\"}"));
            charger.reply(charger.expectCall("Reset"), json("{\"status\":\"Maybe\"}"));
            assertThat(response.get().status()).isEqualTo(502);
        }
    }

    @Test
    void operationsNeedAConnectedChargerAndAValidRequest() {
        String id = registerCharger("OFF", KEY);
        ApiClient.Response offline = admin().post("/api/chargers/" + id + "/operations/Reset", "{\"type\":\"Soft\"}");
        assertThat(offline.status()).isEqualTo(409);
        assertThat(offline.contentType()).startsWith("application/problem+json");
        assertThat(admin().post("/api/chargers/NO-SUCH-CHARGER/operations/Reset", "{\"type\":\"Soft\"}").status())
                .isEqualTo(404);
        try (OcppTestClient charger = connectBooted(id, KEY)) {
            ApiClient.Response badPayload = admin().post("/api/chargers/" + id + "/operations/Reset", "{\"type\":\"Gentle\"}");
            assertThat(badPayload.status()).isEqualTo(400);
            assertThat(badPayload.json().path("errors").get(0).path("field").asText()).isEqualTo("payload");
            ApiClient.Response unknown = admin().post("/api/chargers/" + id + "/operations/SelfDestruct", "{}");
            assertThat(unknown.status()).isEqualTo(400);
            assertThat(unknown.json().path("errors").get(0).path("field").asText()).isEqualTo("operation");
            assertThat(admin().post("/api/chargers/" + id + "/operations/Reset", "not json").status()).isEqualTo(400);
            assertThat(admin().anonymous().post("/api/chargers/" + id + "/operations/Reset", Map.of("type", "Soft")).status())
                    .isEqualTo(401);
        }
    }
}
