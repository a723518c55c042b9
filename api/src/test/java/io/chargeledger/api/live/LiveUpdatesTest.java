package io.chargeledger.api.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chargeledger.api.support.ApiClient;
import io.chargeledger.api.support.ApiIntegrationTest;
import io.chargeledger.api.support.OcppTestClient;
import io.chargeledger.ocpp.sessions.TransactionRegistry;
import io.chargeledger.session.api.AuthorizationStatus;
import io.chargeledger.session.api.IdTagInfo;
import io.chargeledger.session.api.IdTagStatus;
import io.chargeledger.session.api.RegisterIdTag;
import io.chargeledger.session.api.StartSession;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** The console's live feed /ws/updates over a real WebSocket: authentication, latency and what each role sees. */
class LiveUpdatesTest extends ApiIntegrationTest {

    @Value("${chargeledger.event-store.gathering}")
    Duration gathering;

    private static final String KEY = "live-test-key-0123456789";

    @Autowired
    CommandGateway commands;
    @Autowired
    TransactionRegistry transactions;
    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void handshakeWithoutOrWithABadTokenIsRefusedWith401() {
        assertThat(LiveFeedClient.handshakeStatus(port, null)).isEqualTo(401);
        assertThat(LiveFeedClient.handshakeStatus(port, "not-a-token")).isEqualTo(401);
        String token = admin().token("admin", ADMIN_PASSWORD);
        String forged = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThat(LiveFeedClient.handshakeStatus(port, forged)).isEqualTo(401);
        assertThat(LiveFeedClient.handshakeStatus(port, token)).isEqualTo(101);
    }

    @Test
    void adminSeesAChargerComeOnlineWithinOneSecond() {
        String chargePointId = registerCharger("LIVE", KEY);
        try (LiveFeedClient feed = LiveFeedClient.connect(port, admin().token("admin", ADMIN_PASSWORD));
             OcppTestClient charger = OcppTestClient.to(ocppUrl(chargePointId)).basicAuth(chargePointId, KEY)
                     .connect()) {
            // the handshake has completed: ChargerConnected is stored, its projection and the push follow
            JsonNode update = feed.await(message -> "charger".equals(message.path("type").asText())
                    && chargePointId.equals(message.path("data").path("chargePointId").asText())
                    && message.path("data").path("connected").asBoolean(), Duration.ofSeconds(1));
            assertThat(update.path("data").path("vendor").asText()).isEqualTo("Siemens");

            charger.boot();
            charger.callOk("StatusNotification", Map.of("connectorId", 1, "errorCode", "NoError",
                    "status", "Preparing"));
            JsonNode connector = feed.await(message -> "connector".equals(message.path("type").asText())
                    && chargePointId.equals(message.path("data").path("chargePointId").asText())
                    && "Preparing".equals(message.path("data").path("connector").path("status").asText()),
                    Duration.ofSeconds(1));
            assertThat(connector.path("data").path("connector").path("connectorId").asInt()).isEqualTo(1);
        }
    }

    /**
     * The charger read model applies a batch of events in one transaction and pushes each charger once, as it is at
     * the end of the batch: three changes that land in one batch arrive as one message with all three applied.
     */
    @Test
    void aChargerChangedSeveralTimesInOneBatchIsPushedAsTheBatchLeavesIt() throws Exception {
        String chargePointId = registerCharger("LIVEB", KEY);
        TrackingEventProcessor chargerView = processing.eventProcessor("charger-view", TrackingEventProcessor.class)
                .orElseThrow();
        try (LiveFeedClient feed = LiveFeedClient.connect(port, admin().token("admin", ADMIN_PASSWORD))) {
            chargerView.shutDown();
            try (OcppTestClient charger = OcppTestClient.to(ocppUrl(chargePointId)).basicAuth(chargePointId, KEY)
                    .connect()) {
                try {
                    charger.boot();
                    charger.callOk("StatusNotification", Map.of("connectorId", 1, "errorCode", "NoError",
                            "status", "Preparing"));
                    // the event store's shared reader gathers commits for a few ms before it reads them; once it has,
                    // the restarted processor finds all three changes at once
                    Thread.sleep(gathering.multipliedBy(100).toMillis());
                } finally {
                    chargerView.start();
                }

                // the first push that shows the charger online (one of its registration may still be under way)
                JsonNode pushed = feed.await(message -> "charger".equals(message.path("type").asText())
                        && chargePointId.equals(message.path("data").path("chargePointId").asText())
                        && message.path("data").path("connected").asBoolean(), Duration.ofSeconds(5)).path("data");
                assertThat(pushed.path("registrationStatus").asText()).as(pushed.toString()).isEqualTo("ACCEPTED");
                assertThat(pushed.path("connectors").get(0).path("status").asText()).as(pushed.toString())
                        .isEqualTo("Preparing");
            }
        }
    }

    @Test
    void aDriverReceivesOnlyTheSessionsOfTheirOwnTags() {
        ApiClient admin = admin();
        String chargePointId = registerCharger("LIVED", KEY);
        String alice = createDriver(admin, "alice");
        String bob = createDriver(admin, "bob");
        String aliceTag = tag(alice);
        String bobTag = tag(bob);
        String password = passwordOf(alice);
        try (LiveFeedClient aliceFeed = LiveFeedClient.connect(port, admin.token(alice, password));
             LiveFeedClient bobFeed = LiveFeedClient.connect(port, admin.token(bob, passwordOf(bob)));
             LiveFeedClient adminFeed = LiveFeedClient.connect(port, admin.token("admin", ADMIN_PASSWORD))) {
            String aliceSession = startSession(chargePointId, 1, aliceTag);
            aliceFeed.await(message -> isSession(message, aliceSession), Duration.ofSeconds(2));
            adminFeed.await(message -> isSession(message, aliceSession), Duration.ofSeconds(2));

            // updates reach every console in order: once Bob has his own session's update, he would have had Alice's
            String bobSession = startSession(chargePointId, 2, bobTag);
            bobFeed.await(message -> isSession(message, bobSession), Duration.ofSeconds(2));
            assertThat(bobFeed.received()).noneMatch(message -> isSession(message, aliceSession));
            adminFeed.await(message -> isSession(message, bobSession), Duration.ofSeconds(2));
            assertThat(aliceFeed.received()).noneMatch(message -> isSession(message, bobSession));
        }
    }

    private static boolean isSession(JsonNode message, String sessionId) {
        return "session".equals(message.path("type").asText())
                && sessionId.equals(message.path("data").path("sessionId").asText());
    }

    private final Map<String, String> passwords = new java.util.concurrent.ConcurrentHashMap<>();

    private String createDriver(ApiClient admin, String prefix) {
        String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "pw-" + UUID.randomUUID();
        ApiClient.Response created = admin.post("/api/users",
                Map.of("username", username, "password", password, "roles", List.of("DRIVER")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        passwords.put(username, password);
        return username;
    }

    private String passwordOf(String username) {
        return passwords.get(username);
    }

    private String tag(String owner) {
        String idTag = ("LV" + UUID.randomUUID().toString().replace("-", "")).substring(0, 16).toUpperCase();
        commands.sendAndWait(new RegisterIdTag(idTag, IdTagStatus.Accepted, null, null, null, owner));
        return idTag;
    }

    private String startSession(String chargePointId, int connectorId, String idTag) {
        String sessionId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        commands.sendAndWait(new StartSession(sessionId, transactions.allocateTransactionId(), chargePointId,
                connectorId, idTag, 0, now, now.plusMillis(100), null,
                new IdTagInfo(AuthorizationStatus.Accepted, null, null), null));
        return sessionId;
    }
}
