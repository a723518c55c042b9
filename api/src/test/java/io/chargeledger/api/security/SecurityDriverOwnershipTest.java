package io.chargeledger.api.security;

import static io.chargeledger.api.security.TestAccounts.newPassword;
import static io.chargeledger.api.security.TestAccounts.newUsername;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chargeledger.api.support.ApiClient;
import io.chargeledger.api.support.ApiClient.Response;
import io.chargeledger.api.support.ApiIntegrationTest;
import io.chargeledger.ocpp.sessions.TransactionRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Drivers see and act on their own id tags and sessions only (a tag is theirs when its owner is their username; a
 * session is theirs when its tag is), with HTTP Basic and Bearer tokens alike; auditors read everything and change
 * nothing; admins do anything.
 */
class SecurityDriverOwnershipTest extends ApiIntegrationTest {

    private static final Instant T0 = Instant.parse("2025-05-01T08:00:00Z");

    @Autowired
    CommandGateway commands;
    @Autowired
    TransactionRegistry transactions;

    String chargePointId;
    String alice;
    String bob;
    String aliceTag1;
    String aliceTag2;
    String bobTag;
    String aliceOld;
    String aliceMiddle;
    String aliceNewest;
    String bobSession;
    String nobodysSession;
    List<ApiClient> aliceClients;
    List<ApiClient> bobClients;
    ApiClient auditor;

    @BeforeEach
    void driversWithTagsAndSessions() {
        chargePointId = registerCharger("OWN", "ownership-key-0123456789");
        String alicePassword = newPassword();
        String bobPassword = newPassword();
        String auditorPassword = newPassword();
        alice = TestAccounts.create(admin(), newUsername("alice"), alicePassword, "DRIVER");
        bob = TestAccounts.create(admin(), newUsername("bob"), bobPassword, "DRIVER");
        String auditorName = TestAccounts.create(admin(), newUsername("audit"), auditorPassword, "AUDITOR");

        DriverFixtures fixtures = new DriverFixtures(commands, transactions);
        aliceTag1 = fixtures.tag(DriverFixtures.newTag("A1"), alice);
        aliceTag2 = fixtures.tag(DriverFixtures.newTag("A2"), alice);
        bobTag = fixtures.tag(DriverFixtures.newTag("B1"), bob);
        String nobodysTag = fixtures.tag(DriverFixtures.newTag("N1"), null);
        // alice's three sessions over two tags (connector 1 stays busy: each start is on its own charger id)
        aliceOld = fixtures.startSession(chargePointId, 1, aliceTag1, T0);
        aliceMiddle = fixtures.startSession(chargePointId + "-2", 1, aliceTag2, T0.plusSeconds(60));
        aliceNewest = fixtures.startSession(chargePointId + "-3", 1, aliceTag1, T0.plusSeconds(120));
        bobSession = fixtures.startSession(chargePointId, 2, bobTag, T0.plusSeconds(30));
        nobodysSession = fixtures.startSession(chargePointId + "-4", 1, nobodysTag, T0.plusSeconds(90));
        for (String session : List.of(aliceOld, aliceMiddle, aliceNewest, bobSession, nobodysSession)) {
            eventually(() -> assertThat(admin().get("/api/sessions/" + session).status()).isEqualTo(200));
        }
        for (String tag : List.of(aliceTag1, aliceTag2, bobTag, nobodysTag)) {
            eventually(() -> assertThat(admin().get("/api/id-tags/" + tag).status()).isEqualTo(200));
        }
        aliceClients = List.of(admin().as(alice, alicePassword), admin().bearerAs(alice, alicePassword));
        bobClients = List.of(admin().as(bob, bobPassword), admin().bearerAs(bob, bobPassword));
        auditor = admin().bearerAs(auditorName, auditorPassword);
    }

    @Test
    void aDriverListsOnlyTheSessionsOfTheirOwnTagsNewestFirst() {
        for (ApiClient aliceApi : aliceClients) {
            assertThat(sessionIds(aliceApi, "/api/sessions")).containsExactly(aliceNewest, aliceMiddle, aliceOld);
            JsonNode page = aliceApi.get("/api/sessions?size=2").json();
            assertThat(page.path("totalElements").asInt()).isEqualTo(3);
            assertThat(page.path("totalPages").asInt()).isEqualTo(2);
            assertThat(sessionIds(aliceApi, "/api/sessions?size=2&page=1")).containsExactly(aliceOld);
            assertThat(sessionIds(aliceApi, "/api/sessions?idTag=" + aliceTag1.toLowerCase()))
                    .containsExactly(aliceNewest, aliceOld);
            assertThat(sessionIds(aliceApi, "/api/sessions?idTag=" + bobTag)).isEmpty();
            assertThat(sessionIds(aliceApi, "/api/sessions?chargePointId=" + chargePointId)).containsExactly(aliceOld);
            assertThat(aliceApi.get("/api/sessions?status=nonsense").status()).isEqualTo(400);
        }
        for (ApiClient bobApi : bobClients) {
            assertThat(sessionIds(bobApi, "/api/sessions")).containsExactly(bobSession);
        }
        assertThat(sessionIds(auditor, "/api/sessions?chargePointId=" + chargePointId))
                .containsExactly(bobSession, aliceOld);
        assertThat(sessionIds(admin(), "/api/sessions?chargePointId=" + chargePointId + "-4"))
                .containsExactly(nobodysSession);
    }

    @Test
    void aDriverReadsTheirOwnSessionsAndIsRefusedOthers() {
        for (ApiClient aliceApi : aliceClients) {
            assertThat(aliceApi.get("/api/sessions/" + aliceOld).status()).isEqualTo(200);
            assertThat(aliceApi.get("/api/sessions/" + aliceOld + "/meter-values").status()).isEqualTo(200);
            for (String foreign : List.of(bobSession, nobodysSession)) {
                assertForbidden(aliceApi.get("/api/sessions/" + foreign));
                assertForbidden(aliceApi.get("/api/sessions/" + foreign + "/meter-values"));
            }
            assertThat(aliceApi.get("/api/sessions/" + java.util.UUID.randomUUID()).status()).isEqualTo(404);
        }
        assertThat(auditor.get("/api/sessions/" + bobSession).status()).isEqualTo(200);
        assertThat(auditor.get("/api/sessions/" + aliceOld + "/meter-values").status()).isEqualTo(200);
    }

    @Test
    void aDriverCannotStopAnotherDriversSession() {
        for (ApiClient aliceApi : aliceClients) {
            Response refused = aliceApi.post("/api/sessions/" + bobSession + "/stop", "");
            assertForbidden(refused);
            assertForbidden(aliceApi.post("/api/sessions/" + nobodysSession + "/stop", ""));
            // their own session passes the ownership check; the charger is simply not connected
            Response own = aliceApi.post("/api/sessions/" + aliceOld + "/stop", "");
            assertThat(own.status()).as(own.body()).isEqualTo(409);
            assertThat(own.json().path("title").asText()).isEqualTo("Charger not connected");
        }
        for (ApiClient bobApi : bobClients) {
            assertThat(bobApi.post("/api/sessions/" + bobSession + "/stop", "").status()).isEqualTo(409);
        }
        assertForbidden(auditor.post("/api/sessions/" + bobSession + "/stop", ""));
        assertThat(admin().post("/api/sessions/" + bobSession + "/stop", "").status()).isEqualTo(409);
        // nothing was requested on bob's session
        assertThat(admin().get("/api/sessions/" + bobSession).json().path("remoteStopRequestedBy").isNull()).isTrue();
    }

    @Test
    void aDriverStartsSessionsOnlyWithTheirOwnTags() {
        for (ApiClient aliceApi : aliceClients) {
            for (String tag : List.of(bobTag, "NEVER-REGISTERED")) {
                Response refused = aliceApi.post("/api/sessions", Map.of("chargePointId", chargePointId,
                        "connectorId", 1, "idTag", tag));
                assertForbidden(refused);
                assertThat(refused.json().path("errors").findValuesAsText("field")).containsExactly("idTag");
            }
            // their own tag passes; the charger is then found not connected
            Response own = aliceApi.post("/api/sessions", Map.of("chargePointId", chargePointId, "idTag",
                    aliceTag2.toLowerCase()));
            assertThat(own.status()).as(own.body()).isEqualTo(409);
            Response invalid = aliceApi.post("/api/sessions", Map.of("idTag", bobTag));
            assertThat(invalid.status()).isEqualTo(400);
        }
        assertForbidden(auditor.post("/api/sessions", Map.of("chargePointId", chargePointId, "idTag", aliceTag1)));
        Response byAdmin = admin().post("/api/sessions", Map.of("chargePointId", chargePointId, "idTag", bobTag));
        assertThat(byAdmin.status()).as(byAdmin.body()).isEqualTo(409);
    }

    @Test
    void aDriverSeesOnlyTheirOwnTags() {
        for (ApiClient aliceApi : aliceClients) {
            assertThat(tags(aliceApi, "/api/id-tags")).containsExactlyInAnyOrder(aliceTag1, aliceTag2);
            assertThat(tags(aliceApi, "/api/id-tags?owner=" + alice)).containsExactlyInAnyOrder(aliceTag1, aliceTag2);
            assertThat(tags(aliceApi, "/api/id-tags?owner=" + bob)).isEmpty();
            assertThat(aliceApi.get("/api/id-tags/" + aliceTag1.toLowerCase()).json().path("owner").asText())
                    .isEqualTo(alice);
            Response foreign = aliceApi.get("/api/id-tags/" + bobTag);
            assertThat(foreign.status()).isEqualTo(404);
            assertThat(foreign.body()).doesNotContain(bob);
            assertThat(aliceApi.get("/api/id-tags/" + bobTag).body())
                    .isEqualTo(aliceApi.get("/api/id-tags/NEVER-REGISTERED").body()
                            .replace("NEVER-REGISTERED", bobTag));
            assertForbidden(aliceApi.put("/api/id-tags/" + aliceTag1, Map.of("status", "Accepted", "owner", alice)));
            assertForbidden(aliceApi.post("/api/id-tags/" + aliceTag1 + "/block", ""));
            assertForbidden(aliceApi.delete("/api/id-tags/" + aliceTag1));
            assertForbidden(aliceApi.post("/api/id-tags", Map.of("idTag", "MINE-" + alice.length())));
        }
        assertThat(tags(auditor, "/api/id-tags?owner=" + bob)).containsExactly(bobTag);
        assertThat(auditor.get("/api/id-tags/" + bobTag).status()).isEqualTo(200);
        assertForbidden(auditor.post("/api/id-tags/" + bobTag + "/block", ""));
    }

    private static void assertForbidden(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    private static List<String> sessionIds(ApiClient api, String path) {
        Response response = api.get(path);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.json().path("content").forEach(session -> ids.add(session.path("sessionId").asText()));
        return ids;
    }

    private static List<String> tags(ApiClient api, String path) {
        Response response = api.get(path);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> tags = new ArrayList<>();
        response.json().path("content").forEach(tag -> tags.add(tag.path("idTag").asText()));
        return tags;
    }
}
