package io.chargeledger.api.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chargeledger.api.support.ApiClient.Response;
import io.chargeledger.api.support.ApiIntegrationTest;
import io.chargeledger.api.support.OcppTestClient;
import io.chargeledger.api.support.TestChargers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Replaying the charger read model rebuilds exactly what it held before, from the event store alone.
 *
 * <p>The one field allowed to differ is {@code lastSeen}: heartbeats are deliberately not events (they would
 * flood the audit log), so the liveness monitor writes lastSeen into the read model directly, in batches. A replay
 * rebuilds lastSeen from the events only (boot, status changes, the periodic ChargerSeen trace), so it may be
 * older until the next liveness flush of a connected charger.
 */
class ProjectionReplayTest extends ApiIntegrationTest {

    private static final String KEY = "replay-key-0123456789abc";

    @Autowired
    JdbcTemplate jdbc;

    private JsonNode status(String processor) {
        Response list = admin().get("/api/admin/projections");
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        for (JsonNode status : list.json()) {
            if (status.path("name").asText().equals(processor)) {
                return status;
            }
        }
        throw new AssertionError("No processor " + processor + " in " + list.body());
    }

    /** Running, not replaying, every segment claimed and nothing left to process. */
    private void awaitCaughtUp(String processor) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        JsonNode status = status(processor);
        while (!(status.path("running").asBoolean() && !status.path("replaying").asBoolean()
                && !status.path("position").isNull() && status.path("lag").asLong(-1) == 0)) {
            assertThat(System.nanoTime()).as("caught up: " + status).isLessThan(deadline);
            assertThat(status.path("error").asBoolean()).as(status.toString()).isFalse();
            Thread.sleep(50);
            status = status(processor);
        }
    }

    /** Every charger in the read model, by chargePointId, read page by page. */
    private Map<String, JsonNode> chargerReadModel() {
        Map<String, JsonNode> chargers = new LinkedHashMap<>();
        for (int page = 0; ; page++) {
            Response response = admin().get("/api/chargers?size=500&includeDecommissioned=true&page=" + page);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            for (JsonNode charger : response.json().path("content")) {
                chargers.put(charger.path("chargePointId").asText(), withoutLastSeen(charger));
            }
            if (page + 1 >= response.json().path("totalPages").asInt()) {
                return chargers;
            }
        }
    }

    private static JsonNode withoutLastSeen(JsonNode charger) {
        ObjectNode copy = charger.deepCopy();
        copy.remove("lastSeen");
        return copy;
    }

    @Test
    void replayingTheChargerViewRebuildsTheSameReadModel() throws Exception {
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            mine.add(registerCharger("REPLAY", KEY));
        }
        Map<String, Object> update = TestChargers.versiCharge(mine.get(1), null);
        update.remove("authorizationKey");
        update.put("targetGroup", "Staging");
        update.put("connectorCount", 3);
        assertThat(admin().put("/api/chargers/" + mine.get(1), update).status()).isEqualTo(200);
        assertThat(admin().delete("/api/chargers/" + mine.get(2)).status()).isEqualTo(204);
        try (OcppTestClient client = connectBooted(mine.get(3), KEY)) {
            client.callOk("StatusNotification", OcppTestClient.json(
                    "{\"connectorId\":1,\"errorCode\":\"NoError\",\"status\":\"Preparing\"}"));
        }
        eventually(() -> assertThat(admin().get("/api/chargers/" + mine.get(3)).json().path("connected").asBoolean())
                .isFalse());
        awaitCaughtUp("charger-view");
        Map<String, JsonNode> before = chargerReadModel();
        assertThat(before.keySet()).containsAll(mine);
        // a read model that has drifted from the events is put right by the replay
        assertThat(jdbc.update("update charger_view set vendor = 'TAMPERED' where charge_point_id = ?", mine.get(0)))
                .isEqualTo(1);

        Response replay = admin().post("/api/admin/projections/charger-view/replay", "");

        assertThat(replay.status()).as(replay.body()).isEqualTo(202);
        assertThat(replay.json().path("name").asText()).isEqualTo("charger-view");
        assertThat(replay.json().path("supportsReset").asBoolean()).isTrue();
        awaitCaughtUp("charger-view");
        Map<String, JsonNode> after = chargerReadModel();

        assertThat(after.get(mine.get(0)).path("vendor").asText()).isEqualTo("Siemens");
        assertThat(after.keySet()).isEqualTo(before.keySet());
        Set<String> changedMeanwhile = new TreeSet<>();
        for (Map.Entry<String, JsonNode> charger : before.entrySet()) {
            JsonNode rebuilt = after.get(charger.getKey());
            if (rebuilt.path("version").asLong() != charger.getValue().path("version").asLong()) {
                // another test's charger got a new event (e.g. a watchdog disconnect) between the two snapshots
                changedMeanwhile.add(charger.getKey());
                continue;
            }
            assertThat(rebuilt).as(charger.getKey()).isEqualTo(charger.getValue());
        }
        assertThat(changedMeanwhile).doesNotContainAnyElementsOf(mine);
        assertThat(after.get(mine.get(1)).path("targetGroup").asText()).isEqualTo("Staging");
        assertThat(after.get(mine.get(2)).path("decommissioned").asBoolean()).isTrue();
        assertThat(after.get(mine.get(3)).path("registrationStatus").asText()).isEqualTo("ACCEPTED");
        assertThat(after.get(mine.get(3)).path("connectors").get(0).path("status").asText()).isEqualTo("Preparing");
    }

    /**
     * Replays asked for again while the last one is still starting (a double click, two admins) must each rebuild the
     * view and leave the processor running: measured before the fix, the processor stopped for good (running, but no
     * segment claimed and no position) after two concurrent requests and a third.
     */
    @Test
    void replaysAskedForAgainWhileTheLastIsStartingLeaveTheProcessorRunning() throws Exception {
        registerCharger("TWICE", KEY);
        awaitCaughtUp("charger-view");
        Integer chargers = jdbc.queryForObject("select count(*) from charger_view", Integer.class);

        for (int attempt = 0; attempt < 3; attempt++) {
            List<CompletableFuture<Response>> replays = java.util.stream.IntStream.range(0, 3)
                    .mapToObj(i -> CompletableFuture.supplyAsync(
                            () -> admin().post("/api/admin/projections/charger-view/replay", ""))).toList();
            for (CompletableFuture<Response> replay : replays) {
                assertThat(replay.join().status()).as(replay.join().body()).isEqualTo(202);
            }
            awaitCaughtUp("charger-view");
        }
        assertThat(jdbc.queryForObject("select count(*) from charger_view", Integer.class)).isEqualTo(chargers);
        // still processing: a charger registered now appears
        String later = registerCharger("AFTER", KEY);
        awaitCaughtUp("charger-view");
        assertThat(admin().get("/api/chargers/" + later).status()).isEqualTo(200);
    }

    @Test
    void everyReadModelCanBeReplayedAtOnce() throws Exception {
        String chargePointId = registerCharger("REPLAY", KEY);
        List<String> views = List.of("charger-view", "id-tag-view", "session-view");
        for (String view : views) {
            awaitCaughtUp(view);
        }
        Integer sessions = jdbc.queryForObject("select count(*) from session_view", Integer.class);
        Integer chargers = jdbc.queryForObject("select count(*) from charger_view", Integer.class);
        Integer tags = jdbc.queryForObject("select count(*) from id_tag_view", Integer.class);

        List<CompletableFuture<Response>> replays = views.stream().map(view -> CompletableFuture.supplyAsync(
                () -> admin().post("/api/admin/projections/" + view + "/replay", ""))).toList();

        for (int i = 0; i < views.size(); i++) {
            Response replay = replays.get(i).join();
            assertThat(replay.status()).as(replay.body()).isEqualTo(202);
            assertThat(replay.json().path("name").asText()).isEqualTo(views.get(i));
        }
        for (String view : views) {
            awaitCaughtUp(view);
        }
        assertThat(jdbc.queryForObject("select count(*) from session_view", Integer.class)).isEqualTo(sessions);
        assertThat(jdbc.queryForObject("select count(*) from charger_view", Integer.class)).isEqualTo(chargers);
        assertThat(jdbc.queryForObject("select count(*) from id_tag_view", Integer.class)).isEqualTo(tags);
        assertThat(admin().get("/api/chargers/" + chargePointId).status()).isEqualTo(200);
    }

    @Test
    void theStatusListsEveryProcessorWithPositionAndLag() throws Exception {
        registerCharger("REPLAY", KEY);
        awaitCaughtUp("charger-view");

        JsonNode chargerView = status("charger-view");
        assertThat(chargerView.path("mode").asText()).isEqualTo("tracking");
        assertThat(chargerView.path("running").asBoolean()).isTrue();
        assertThat(chargerView.path("error").asBoolean()).isFalse();
        assertThat(chargerView.path("supportsReset").asBoolean()).isTrue();
        assertThat(chargerView.path("position").asLong()).isPositive();
        assertThat(chargerView.path("head").asLong()).isGreaterThanOrEqualTo(chargerView.path("position").asLong());
        assertThat(chargerView.path("replayProgress").isNull()).isTrue();

        JsonNode lookup = status("transaction-lookup");
        assertThat(lookup.path("mode").asText()).isEqualTo("subscribing");
        assertThat(lookup.path("supportsReset").asBoolean()).isFalse();
        assertThat(lookup.path("position").isNull()).isTrue();
        assertThat(lookup.path("lag").isNull()).isTrue();
    }

    @Test
    void anUnknownProcessorIs404AndASubscribingOneCannotBeReplayed() {
        Response unknown = admin().post("/api/admin/projections/no-such-view/replay", "");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");

        Response subscribing = admin().post("/api/admin/projections/transaction-lookup/replay", "");
        assertThat(subscribing.status()).isEqualTo(409);
        assertThat(subscribing.contentType()).startsWith("application/problem+json");
        assertThat(subscribing.json().path("detail").asText()).contains("subscribing");
    }

    @Test
    void projectionAdministrationNeedsCredentials() {
        assertThat(admin().anonymous().get("/api/admin/projections").status()).isEqualTo(401);
        assertThat(admin().anonymous().post("/api/admin/projections/charger-view/replay", "").status()).isEqualTo(401);
    }
}
