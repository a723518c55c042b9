package io.chargeledger.api.idtags;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chargeledger.api.support.ApiClient.Response;
import io.chargeledger.api.support.ApiIntegrationTest;
import io.chargeledger.api.support.TestChargers;
import io.chargeledger.session.api.ClaimSessionSlot;
import io.chargeledger.session.api.IdTagInfo;
import io.chargeledger.session.api.ReleaseSessionSlot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Id tag administration over real HTTP against the running application and its embedded PostgreSQL. */
class IdTagApiTest extends ApiIntegrationTest {

    @Autowired
    EventStore eventStore;

    @Autowired
    CommandGateway commandGateway;

    static String uniqueTag(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toLowerCase();
    }

    static Map<String, Object> tag(String idTag) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("idTag", idTag);
        return body;
    }

    @Test
    void registeringATagMakesItReadableAtOnceUnderItsCanonicalName() {
        String idTag = uniqueTag("rfid");
        Map<String, Object> body = tag(idTag);
        body.put("expiryDate", "2031-06-30T22:00:00+02:00");
        body.put("parentIdTag", "fleet-1");
        body.put("maxActiveSessions", 2);
        body.put("owner", "alice");

        Response created = admin().post("/api/id-tags", body);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String canonical = idTag.toUpperCase();
        assertThat(created.header("Location")).isEqualTo("/api/id-tags/" + canonical);
        JsonNode json = created.json();
        assertThat(json.path("idTag").asText()).isEqualTo(canonical);
        assertThat(json.path("status").asText()).isEqualTo("Accepted");
        assertThat(json.path("expiryDate").asText()).isEqualTo("2031-06-30T20:00:00Z");
        assertThat(json.path("parentIdTag").asText()).isEqualTo("FLEET-1");
        assertThat(json.path("maxActiveSessions").asInt()).isEqualTo(2);
        assertThat(json.path("owner").asText()).isEqualTo("alice");
        assertThat(json.path("deleted").asBoolean()).isFalse();
        assertThat(json.path("activeSessions").asInt()).isZero();

        Response read = admin().get("/api/id-tags/" + idTag);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("idTag").asText()).isEqualTo(canonical);
        assertThat(read.json().path("owner").asText()).isEqualTo("alice");
    }

    @Test
    void registeringATagTwiceInAnyCaseIsAConflict() {
        String idTag = uniqueTag("dup");
        assertThat(admin().post("/api/id-tags", tag(idTag)).status()).isEqualTo(201);

        Response duplicate = admin().post("/api/id-tags", tag(idTag.toUpperCase()));

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.contentType()).startsWith("application/problem+json");
        assertThat(duplicate.json().path("detail").asText()).contains(idTag.toUpperCase());
        assertThat(eventStore.lastSequenceNumberFor(io.chargeledger.session.api.IdTokens.aggregateId(idTag))).contains(0L);
    }

    @Test
    void anInvalidTagIsRejectedNamingEveryFieldAndNothingIsStored() {
        Map<String, Object> body = tag("A-TAG-THAT-IS-FAR-TOO-LONG-FOR-OCPP");
        body.put("status", "Lost");
        body.put("expiryDate", "next tuesday");
        body.put("parentIdTag", "has space");
        body.put("maxActiveSessions", 0);
        body.put("owner", " ");

        Response rejected = admin().post("/api/id-tags", body);

        assertThat(rejected.contentType()).startsWith("application/problem+json");
        assertThat(fields(rejected)).containsExactlyInAnyOrder(
                "idTag", "status", "expiryDate", "parentIdTag", "maxActiveSessions", "owner");
        assertThat(eventStore.lastSequenceNumberFor(io.chargeledger.session.api.IdTokens.aggregateId("A-TAG-THAT-IS-FAR-TOO-LONG-FOR-OCPP"))).isEmpty();
    }

    @Test
    void missingFieldsWrongTypesAndMalformedBodiesAreNamed() {
        assertThat(fields(admin().post("/api/id-tags", Map.of("owner", "bob")))).containsExactly("idTag");

        Map<String, Object> wrongType = tag(uniqueTag("type"));
        wrongType.put("maxActiveSessions", "two");
        assertThat(fields(admin().post("/api/id-tags", wrongType))).containsExactly("maxActiveSessions");

        Response notJson = admin().post("/api/id-tags", "{not json");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().path("title").asText()).isEqualTo("Malformed request body");
    }

    @Test
    void aTagMustBeUsableInAUrl() {
        assertThat(fields(admin().post("/api/id-tags", tag("AB/CD")))).containsExactly("idTag");
        assertThat(fields(admin().post("/api/id-tags", tag("AB%CD")))).containsExactly("idTag");
        assertThat(fields(admin().post("/api/id-tags", tag("AB CD")))).containsExactly("idTag");
    }

    @Test
    void statusIsCaseInsensitiveOnInput() {
        Map<String, Object> body = tag(uniqueTag("case"));
        body.put("status", "blocked");
        Response created = admin().post("/api/id-tags", body);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("status").asText()).isEqualTo("Blocked");
    }

    @Test
    void updatingReplacesEveryFieldAndKeepsTheIdentity() {
        String idTag = uniqueTag("upd");
        Map<String, Object> body = tag(idTag);
        body.put("owner", "alice");
        body.put("maxActiveSessions", 3);
        admin().post("/api/id-tags", body);

        Map<String, Object> changed = new LinkedHashMap<>();
        changed.put("status", "Expired");
        changed.put("expiryDate", "2020-01-01T00:00:00Z");
        Response updated = admin().put("/api/id-tags/" + idTag, changed);

        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        JsonNode json = updated.json();
        assertThat(json.path("status").asText()).isEqualTo("Expired");
        assertThat(json.path("expiryDate").asText()).isEqualTo("2020-01-01T00:00:00Z");
        assertThat(json.path("owner").isNull()).isTrue();
        assertThat(json.path("maxActiveSessions").isNull()).isTrue();
        assertThat(admin().get("/api/id-tags/" + idTag).json().path("status").asText()).isEqualTo("Expired");
    }

    @Test
    void anUpdateNeedsAStatusAndTheSameTagAndAKnownTag() {
        String idTag = uniqueTag("upd");
        admin().post("/api/id-tags", tag(idTag));

        assertThat(fields(admin().put("/api/id-tags/" + idTag, Map.of("owner", "x")))).containsExactly("status");
        assertThat(fields(admin().put("/api/id-tags/" + idTag, Map.of("idTag", "OTHER", "status", "Accepted"))))
                .containsExactly("idTag");
        assertThat(admin().put("/api/id-tags/" + idTag, Map.of("idTag", idTag.toUpperCase(), "status", "Accepted"))
                .status()).isEqualTo(200);
        Response unknown = admin().put("/api/id-tags/" + uniqueTag("none"), Map.of("status", "Accepted"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
    }

    @Test
    void blockingAndUnblocking() {
        String idTag = uniqueTag("blk");
        admin().post("/api/id-tags", tag(idTag));

        Response blocked = admin().post("/api/id-tags/" + idTag + "/block", "");
        assertThat(blocked.status()).isEqualTo(200);
        assertThat(blocked.json().path("status").asText()).isEqualTo("Blocked");
        assertThat(admin().post("/api/id-tags/" + idTag + "/block", "").status()).isEqualTo(200);

        Response unblocked = admin().post("/api/id-tags/" + idTag + "/unblock", "");
        assertThat(unblocked.status()).isEqualTo(200);
        assertThat(unblocked.json().path("status").asText()).isEqualTo("Accepted");

        assertThat(admin().post("/api/id-tags/" + uniqueTag("none") + "/block", "").status()).isEqualTo(404);
        assertThat(admin().post("/api/id-tags/" + uniqueTag("none") + "/unblock", "").status()).isEqualTo(404);
    }

    @Test
    void unblockingNeverRevivesAnExpiredTag() {
        String idTag = uniqueTag("exp");
        Map<String, Object> body = tag(idTag);
        body.put("status", "Expired");
        admin().post("/api/id-tags", body);

        Response unblocked = admin().post("/api/id-tags/" + idTag + "/unblock", "");

        assertThat(unblocked.status()).isEqualTo(200);
        assertThat(unblocked.json().path("status").asText()).isEqualTo("Expired");
    }

    @Test
    void deletingHidesTheTagUntilItIsRegisteredAgain() {
        String idTag = uniqueTag("del");
        Map<String, Object> body = tag(idTag);
        body.put("owner", "deleter");
        admin().post("/api/id-tags", body);

        assertThat(admin().delete("/api/id-tags/" + idTag).status()).isEqualTo(204);

        assertThat(admin().get("/api/id-tags/" + idTag).status()).isEqualTo(404);
        assertThat(admin().put("/api/id-tags/" + idTag, Map.of("status", "Accepted")).status()).isEqualTo(404);
        assertThat(admin().post("/api/id-tags/" + idTag + "/block", "").status()).isEqualTo(404);
        assertThat(admin().delete("/api/id-tags/" + idTag).status()).isEqualTo(204);
        assertThat(listTags("/api/id-tags?owner=deleter&size=500")).doesNotContain(idTag.toUpperCase());
        JsonNode withDeleted = admin().get("/api/id-tags?owner=deleter&includeDeleted=true&size=500").json();
        assertThat(withDeleted.path("content")).anySatisfy(t -> {
            assertThat(t.path("idTag").asText()).isEqualTo(idTag.toUpperCase());
            assertThat(t.path("deleted").asBoolean()).isTrue();
        });

        Response again = admin().post("/api/id-tags", tag(idTag));
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json().path("deleted").asBoolean()).isFalse();
        assertThat(again.json().path("owner").isNull()).isTrue();
        assertThat(admin().get("/api/id-tags/" + idTag).status()).isEqualTo(200);
    }

    @Test
    void unknownTagsAreNotFound() {
        Response missing = admin().get("/api/id-tags/" + uniqueTag("none"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(admin().delete("/api/id-tags/" + uniqueTag("none")).status()).isEqualTo(404);
    }

    @Test
    void theListPagesAndFiltersByOwner() {
        String owner = uniqueTag("owner");
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String idTag = uniqueTag("lst");
            Map<String, Object> body = tag(idTag);
            body.put("owner", owner);
            assertThat(admin().post("/api/id-tags", body).status()).isEqualTo(201);
            tags.add(idTag.toUpperCase());
        }
        JsonNode first = admin().get("/api/id-tags?owner=" + owner + "&size=2&page=0").json();
        assertThat(first.path("totalElements").asInt()).isEqualTo(3);
        assertThat(first.path("totalPages").asInt()).isEqualTo(2);
        assertThat(first.path("content").size()).isEqualTo(2);
        assertThat(admin().get("/api/id-tags?owner=" + owner + "&size=2&page=1").json().path("content").size())
                .isEqualTo(1);
        assertThat(listTags("/api/id-tags?owner=" + owner)).containsExactlyElementsOf(tags.stream().sorted().toList());

        assertThat(fields(admin().get("/api/id-tags?size=0&page=-1"))).containsExactlyInAnyOrder("page", "size");
        assertThat(fields(admin().get("/api/id-tags?size=501"))).containsExactly("size");
        assertThat(fields(admin().get("/api/id-tags?page=first"))).containsExactly("page");
    }

    @Test
    void activeSessionsCountTheSessionsHoldingASlot() {
        String idTag = uniqueTag("slot").toUpperCase();
        admin().post("/api/id-tags", tag(idTag));
        String session = UUID.randomUUID().toString();

        IdTagInfo claimed = commandGateway.sendAndWait(new ClaimSessionSlot(idTag, session, Instant.now()));
        assertThat(claimed.status().name()).isEqualTo("Accepted");
        eventually(() -> assertThat(admin().get("/api/id-tags/" + idTag).json().path("activeSessions").asInt())
                .isEqualTo(1));

        commandGateway.sendAndWait(new ReleaseSessionSlot(idTag, session, Instant.now()));
        eventually(() -> assertThat(admin().get("/api/id-tags/" + idTag).json().path("activeSessions").asInt())
                .isZero());
    }

    /**
     * Chargers and id tags live in separate namespaces of the one event store: a tag may be named exactly like
     * a charger, and neither touches the other's history.
     */
    @Test
    void aTagMayBeNamedLikeACharger() {
        String name = TestChargers.uniqueId("TWIN").toUpperCase();
        assertThat(admin().post("/api/chargers", TestChargers.versiCharge(name,
                "0123456789abcdefXYZ")).status()).isEqualTo(201);

        Response registered = admin().post("/api/id-tags", tag(name));

        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        assertThat(admin().post("/api/id-tags/" + name + "/block", "").status()).isEqualTo(200);
        assertThat(admin().get("/api/id-tags/" + name).json().path("status").asText()).isEqualTo("Blocked");
        assertThat(admin().get("/api/chargers/" + name).status()).isEqualTo(200);
        assertThat(admin().get("/api/chargers/" + name).json().path("vendor").asText()).isEqualTo("Siemens");
    }

    @Test
    void everyCallNeedsCredentials() {
        assertThat(admin().anonymous().get("/api/id-tags").status()).isEqualTo(401);
        assertThat(admin().anonymous().post("/api/id-tags", tag(uniqueTag("anon"))).status()).isEqualTo(401);
    }

    private List<String> listTags(String path) {
        List<String> tags = new ArrayList<>();
        admin().get(path).json().path("content").forEach(t -> tags.add(t.path("idTag").asText()));
        return tags;
    }

    static List<String> fields(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }
}
