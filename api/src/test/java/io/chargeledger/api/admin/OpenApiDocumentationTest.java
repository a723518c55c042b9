package io.chargeledger.api.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chargeledger.api.support.ApiClient;
import io.chargeledger.api.support.ApiClient.Response;
import io.chargeledger.api.support.ApiIntegrationTest;
import org.junit.jupiter.api.Test;

/** /v3/api-docs and Swagger UI: public, and describing every endpoint of every controller. */
class OpenApiDocumentationTest extends ApiIntegrationTest {

    private ApiClient anonymous() {
        return admin().anonymous();
    }

    @Test
    void theDocumentIsPublicAndListsEveryEndpoint() {
        Response docs = anonymous().get("/v3/api-docs");

        assertThat(docs.status()).as(docs.body()).isEqualTo(200);
        assertThat(docs.contentType()).startsWith("application/json");
        JsonNode api = docs.json();
        assertThat(api.path("openapi").asText()).startsWith("3.");
        assertThat(api.path("info").path("title").asText()).isEqualTo("ChargeLedger API");
        assertThat(api.path("info").path("version").asText()).isNotBlank().doesNotContain("@");
        JsonNode paths = api.path("paths");
        assertThat(paths.has("/api/chargers")).isTrue();
        assertThat(paths.path("/api/chargers").has("post")).isTrue();
        assertThat(paths.path("/api/chargers").has("get")).isTrue();
        assertThat(paths.has("/api/chargers/{chargePointId}")).isTrue();
        assertThat(paths.has("/api/sessions")).isTrue();
        assertThat(paths.has("/api/audit/chargers/{chargePointId}/events")).isTrue();
        assertThat(paths.has("/api/audit/sessions/{sessionId}/events")).isTrue();
        assertThat(paths.has("/api/audit/chargers/{chargePointId}/state")).isTrue();
        assertThat(paths.has("/api/audit/sessions/{sessionId}/state")).isTrue();
        assertThat(paths.path("/api/admin/projections").has("get")).isTrue();
        assertThat(paths.path("/api/admin/projections/{name}/replay").has("post")).isTrue();
        assertThat(paths.fieldNames()).toIterable().noneMatch(path -> path.startsWith("/actuator"));
    }

    @Test
    void theDocumentDeclaresBasicAuthAndCarriesExamples() {
        JsonNode api = anonymous().get("/v3/api-docs").json();

        JsonNode scheme = api.path("components").path("securitySchemes").path("basicAuth");
        assertThat(scheme.path("type").asText()).isEqualTo("http");
        assertThat(scheme.path("scheme").asText()).isEqualTo("basic");
        assertThat(api.path("security").get(0).has("basicAuth")).isTrue();

        JsonNode events = api.path("paths").path("/api/audit/chargers/{chargePointId}/events").path("get");
        JsonNode ok = events.path("responses").path("200").path("content");
        assertThat(ok.has("application/json")).isTrue();
        assertThat(ok.has("application/x-ndjson")).isTrue();
        assertThat(ok.has("text/csv")).isTrue();
        assertThat(ok.path("application/json").path("examples").path("page").path("value").path("content").get(0)
                .path("payload").path("authorizationKeyHash").asText()).isEqualTo("***");
        assertThat(events.path("parameters").findValuesAsText("name")).contains("format", "page", "size");
        assertThat(api.path("components").path("schemas").path("AuditEvent").path("properties").has("metadata"))
                .isTrue();

        JsonNode registerBody = api.path("paths").path("/api/chargers").path("post").path("requestBody")
                .path("content").path("application/json");
        assertThat(registerBody.path("examples").path("VersiCharge").path("value").path("vendor").asText())
                .isEqualTo("Siemens");
        JsonNode replay = api.path("paths").path("/api/admin/projections/{name}/replay").path("post");
        assertThat(replay.path("responses").has("202")).isTrue();
        assertThat(replay.path("responses").has("409")).isTrue();
    }

    @Test
    void swaggerUiIsPublic() {
        Response entry = anonymous().get("/swagger-ui.html");
        assertThat(entry.status()).isIn(200, 302);
        if (entry.status() == 302) {
            assertThat(entry.header("Location")).contains("/swagger-ui/index.html");
        }
        Response page = anonymous().get("/swagger-ui/index.html");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).containsIgnoringCase("swagger");
        Response config = anonymous().get("/v3/api-docs/swagger-config");
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.body()).contains("/v3/api-docs");
    }
}
