package io.chargeledger.api.chargers;

import static io.chargeledger.api.support.TestChargers.uniqueId;
import static io.chargeledger.api.support.TestChargers.versiCharge;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chargeledger.api.support.ApiClient;
import io.chargeledger.api.support.ApiClient.Response;
import io.chargeledger.api.support.ApiIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The charger registry over real HTTP against the running application and its embedded PostgreSQL. */
class ChargerRegistryTest extends ApiIntegrationTest {

    private static final String KEY = "0123456789abcdefXYZ";

    @Autowired
    EventStore eventStore;

    @Test
    void everyApiCallNeedsCredentials() {
        ApiClient anonymous = admin().anonymous();
        Response list = anonymous.get("/api/chargers");
        assertThat(list.status()).isEqualTo(401);
        assertThat(list.contentType()).startsWith("application/problem+json");
        assertThat(list.header("WWW-Authenticate")).startsWith("Basic");
        assertThat(anonymous.post("/api/chargers", versiCharge(uniqueId("CP"), KEY)).status()).isEqualTo(401);
        assertThat(admin().as("admin", "wrong-password").get("/api/chargers").status()).isEqualTo(401);
    }

    @Test
    void healthAnswersWithoutCredentials() {
        Response health = admin().anonymous().get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("UP");
    }

    @Test
    void registeringAChargerMakesItReadableAtOnce() {
        String id = uniqueId("JAAL");
        Response created = admin().post("/api/chargers", versiCharge(id, KEY));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/chargers/" + id);
        JsonNode body = created.json();
        assertThat(body.path("chargePointId").asText()).isEqualTo(id);
        assertThat(body.path("powerKW").decimalValue()).isEqualByComparingTo("7.68");
        assertThat(body.path("pricing").path("pricePerKwh").decimalValue()).isEqualByComparingTo("0.30");
        assertThat(body.path("pricing").path("currency").asText()).isEqualTo("EUR");
        assertThat(body.path("location").path("latitude").decimalValue()).isEqualByComparingTo("49.5897");
        assertThat(body.path("connected").asBoolean()).isFalse();
        assertThat(body.has("authorizationKey")).isFalse();
        assertThat(created.body()).doesNotContain(KEY).doesNotContain("pbkdf2");

        Response read = admin().get("/api/chargers/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("vendor").asText()).isEqualTo("Siemens");
        assertThat(read.json().path("connectorCount").asInt()).isEqualTo(2);
        assertThat(read.body()).doesNotContain(KEY).doesNotContain("pbkdf2");
    }

    @Test
    void registeringADuplicateIsAConflict() {
        String id = uniqueId("DUP");
        assertThat(admin().post("/api/chargers", versiCharge(id, KEY)).status()).isEqualTo(201);
        Response duplicate = admin().post("/api/chargers", versiCharge(id, KEY));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.contentType()).startsWith("application/problem+json");
        assertThat(duplicate.json().path("detail").asText()).contains(id);
        assertThat(eventStore.lastSequenceNumberFor(id)).contains(0L);
    }

    @Test
    void anInvalidChargerIsRejectedNamingEveryFieldAndNothingIsStored() {
        String id = uniqueId("BAD");
        Map<String, Object> body = versiCharge(id, "short");
        body.put("maximumAmps", 16);
        body.put("ipAddress", "999.1.1.1");
        body.put("pricing", Map.of("pricePerKwh", "0.30", "currency", "EURO"));
        body.remove("vendor");

        Response rejected = admin().post("/api/chargers", body);

        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.contentType()).startsWith("application/problem+json");
        assertThat(fields(rejected)).containsExactlyInAnyOrder(
                "authorizationKey", "vendor", "maximumAmps", "ipAddress", "pricing.currency");
        assertThat(admin().get("/api/chargers/" + id).status()).isEqualTo(404);
        assertThat(eventStore.lastSequenceNumberFor(id)).isEmpty();
    }

    @Test
    void malformedBodiesAndWrongTypesAreNamed() {
        Response notJson = admin().post("/api/chargers", "{not json");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().path("title").asText()).isEqualTo("Malformed request body");

        Map<String, Object> body = versiCharge(uniqueId("TYPE"), KEY);
        body.put("ratedVolts", "two hundred");
        Response wrongType = admin().post("/api/chargers", body);
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(fields(wrongType)).containsExactly("ratedVolts");
    }

    @Test
    void aChargerIdMustBeAnOcppIdentity() {
        Response rejected = admin().post("/api/chargers", versiCharge("has space", KEY));
        assertThat(rejected.status()).isEqualTo(400);
        assertThat(fields(rejected)).containsExactly("chargePointId");
    }

    @Test
    void securityProfileZeroNeedsNoKeyButOneDoes() {
        Map<String, Object> open = versiCharge(uniqueId("OPEN"), null);
        open.put("securityProfile", 0);
        assertThat(admin().post("/api/chargers", open).status()).isEqualTo(201);

        Map<String, Object> keyless = versiCharge(uniqueId("KEYLESS"), null);
        assertThat(fields(admin().post("/api/chargers", keyless))).containsExactly("authorizationKey");
    }

    @Test
    void updatingReplacesTheDetailsAndKeepsTheKey() {
        String id = uniqueId("UPD");
        admin().post("/api/chargers", versiCharge(id, KEY));
        Map<String, Object> changed = versiCharge(id, null);
        changed.put("ratedAmps", 16);
        changed.put("maximumAmps", 16);
        changed.put("targetGroup", "Staging");

        Response updated = admin().put("/api/chargers/" + id, changed);

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().path("powerKW").decimalValue()).isEqualByComparingTo("3.84");
        assertThat(updated.json().path("targetGroup").asText()).isEqualTo("Staging");
        assertThat(admin().get("/api/chargers/" + id).json().path("targetGroup").asText()).isEqualTo("Staging");
    }

    @Test
    void updatingCannotChangeTheIdentityOrTouchUnknownChargers() {
        String id = uniqueId("IDN");
        admin().post("/api/chargers", versiCharge(id, KEY));
        assertThat(fields(admin().put("/api/chargers/" + id, versiCharge("OTHER", KEY)))).containsExactly("chargePointId");
        assertThat(admin().put("/api/chargers/" + uniqueId("NOPE"), versiCharge(null, KEY)).status()).isEqualTo(404);
    }

    @Test
    void decommissioningKeepsTheRecordButForbidsUpdates() {
        String id = uniqueId("DEC");
        admin().post("/api/chargers", versiCharge(id, KEY));

        assertThat(admin().delete("/api/chargers/" + id).status()).isEqualTo(204);

        JsonNode view = admin().get("/api/chargers/" + id).json();
        assertThat(view.path("decommissioned").asBoolean()).isTrue();
        Response update = admin().put("/api/chargers/" + id, versiCharge(id, KEY));
        assertThat(update.status()).isEqualTo(409);
        assertThat(listIds("/api/chargers?size=500")).doesNotContain(id);
        assertThat(listIds("/api/chargers?size=500&includeDecommissioned=true")).contains(id);
        assertThat(admin().delete("/api/chargers/" + uniqueId("NOPE")).status()).isEqualTo(404);
    }

    @Test
    void unknownChargersAreNotFound() {
        Response missing = admin().get("/api/chargers/" + uniqueId("NONE"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
    }

    @Test
    void theListPagesAndFilters() {
        String group = uniqueId("GROUP");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = uniqueId("LST" + i);
            Map<String, Object> body = versiCharge(id, KEY);
            body.put("targetGroup", group);
            assertThat(admin().post("/api/chargers", body).status()).isEqualTo(201);
            ids.add(id);
        }
        Response firstPage = admin().get("/api/chargers?targetGroup=" + group + "&size=2&page=0");
        assertThat(firstPage.json().path("totalElements").asInt()).isEqualTo(3);
        assertThat(firstPage.json().path("totalPages").asInt()).isEqualTo(2);
        assertThat(firstPage.json().path("content").size()).isEqualTo(2);
        Response secondPage = admin().get("/api/chargers?targetGroup=" + group + "&size=2&page=1");
        assertThat(secondPage.json().path("content").size()).isEqualTo(1);

        assertThat(listIds("/api/chargers?targetGroup=" + group + "&connected=false")).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(listIds("/api/chargers?targetGroup=" + group + "&connected=true")).isEmpty();

        Response badPaging = admin().get("/api/chargers?size=0&page=-1");
        assertThat(badPaging.status()).isEqualTo(400);
        assertThat(fields(badPaging)).containsExactlyInAnyOrder("page", "size");
        assertThat(fields(admin().get("/api/chargers?connected=maybe"))).containsExactly("connected");
    }

    private List<String> listIds(String path) {
        List<String> ids = new ArrayList<>();
        admin().get(path).json().path("content").forEach(c -> ids.add(c.path("chargePointId").asText()));
        return ids;
    }

    private static List<String> fields(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }
}
