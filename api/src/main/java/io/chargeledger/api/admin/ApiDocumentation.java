package io.chargeledger.api.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document (/v3/api-docs) and Swagger UI (/swagger-ui.html), both reachable without credentials. Every
 * controller is described automatically; this adds the title, version, the HTTP Basic security scheme that every
 * /api endpoint requires, and an example for the main request body that its controller does not carry itself.
 */
@Configuration(proxyBeanMethods = false)
public class ApiDocumentation {

    static final String BASIC_AUTH = "basicAuth";

    private static final String CHARGER_EXAMPLE = """
            {"chargePointId":"JAAL34S021","serialNumber":"JAAL34S021","catalogNumber":"8EM1310-3EJ04-0GA0",
            "vendor":"Siemens","model":"VersiCharge 8EM1310","ratedVolts":240,"ratedAmps":32,"maximumAmps":32,
            "ipAddress":"192.168.10.143","targetGroup":"Production",
            "location":{"name":"Plant 1","address":"1 Main St","latitude":49.5897,"longitude":11.012},
            "pricing":{"pricePerKwh":0.30,"currency":"EUR","sessionFee":1.00},
            "connectorCount":1,"securityProfile":1,"authorizationKey":"at-least-16-characters"}""";

    @Bean
    OpenApiCustomizer chargeLedgerOpenApi(@Value("${chargeledger.api-docs.version:dev}") String version) {
        return openApi -> {
            openApi.info(new Info()
                    .title("ChargeLedger API")
                    .version(version)
                    .description("REST API of ChargeLedger, an event-sourced OCPP 1.6-J central system. Every /api "
                            + "endpoint needs credentials and answers errors as application/problem+json. "
                            + "Every response carries X-Request-Id (send your own to correlate); commands record it "
                            + "with the user in the audit trail."));
            if (openApi.getComponents() == null) {
                openApi.components(new Components());
            }
            openApi.getComponents().addSecuritySchemes(BASIC_AUTH, new SecurityScheme()
                    .type(SecurityScheme.Type.HTTP).scheme("basic")
                    .description("An account's username and password"));
            openApi.addSecurityItem(new SecurityRequirement().addList(BASIC_AUTH));
            chargerBodyExample(openApi);
        };
    }

    /** Parsed, so that the document shows an object; decimals stay exact (0.30, not 0.3). */
    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Invalid example", e);
        }
    }

    private static void chargerBodyExample(OpenAPI openApi) {
        if (openApi.getPaths() == null) {
            return;
        }
        PathItem chargers = openApi.getPaths().get("/api/chargers");
        if (chargers != null) {
            example(chargers.getPost());
        }
        PathItem charger = openApi.getPaths().get("/api/chargers/{chargePointId}");
        if (charger != null) {
            example(charger.getPut());
        }
    }

    private static void example(Operation operation) {
        if (operation == null || operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
            return;
        }
        for (Map.Entry<String, MediaType> content : operation.getRequestBody().getContent().entrySet()) {
            if (content.getKey().contains("json") && content.getValue().getExamples() == null
                    && content.getValue().getExample() == null) {
                content.getValue().addExamples("VersiCharge", new Example()
                        .summary("A Siemens VersiCharge, security profile 1").value(json(CHARGER_EXAMPLE)));
            }
        }
    }
}
