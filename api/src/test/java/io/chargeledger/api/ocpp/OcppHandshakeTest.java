package io.chargeledger.api.ocpp;

import static org.assertj.core.api.Assertions.assertThat;

import io.chargeledger.api.support.ApiIntegrationTest;
import io.chargeledger.api.support.OcppTestClient;
import io.chargeledger.api.support.TestChargers;
import java.time.Duration;
import java.util.Map;
import io.chargeledger.ocpp.server.CredentialCheck;
import io.chargeledger.ocpp.server.HandshakeAdmission;
import io.chargeledger.ocpp.server.OcppHandshakeInterceptor;
import io.chargeledger.ocpp.server.OcppSettings;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;
import org.springframework.web.socket.server.support.AbstractHandshakeHandler;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;

/** Who may open an OCPP connection (security profiles 0 and 1 over plain ws; profile 2 in the TLS test). */
class OcppHandshakeTest extends ApiIntegrationTest {

    private static final String KEY = "handshake-key-0123456789";

    @Autowired
    @Qualifier("webSocketHandlerMapping")
    private SimpleUrlHandlerMapping webSocketHandlerMapping;

    @Test
    void theOcppEndpointUpgradesWithoutKeepingTheHandshakeHeaders() {
        WebSocketHttpRequestHandler ocpp = (WebSocketHttpRequestHandler) webSocketHandlerMapping.getUrlMap().get("/ocpp/*");
        assertThat(((AbstractHandshakeHandler) ocpp.getHandshakeHandler()).getRequestUpgradeStrategy())
                .isInstanceOf(LeanSessionUpgradeStrategy.class);
    }

    @Test
    void anUnknownChargerIsRefusedWith404() {
        assertThat(OcppTestClient.handshakeStatus(OcppTestClient.to(ocppUrl("NOT-REGISTERED-1"))
                .basicAuth("NOT-REGISTERED-1", KEY))).isEqualTo(404);
    }

    @Test
    void aDecommissionedChargerIsRefusedWith404() {
        String id = registerCharger("GONE", KEY);
        assertThat(admin().delete("/api/chargers/" + id).status()).isEqualTo(204);
        assertThat(OcppTestClient.handshakeStatus(OcppTestClient.to(ocppUrl(id)).basicAuth(id, KEY))).isEqualTo(404);
    }

    @Test
    void profileOneWithoutCredentialsIsRefusedWith401() {
        String id = registerCharger("NOAUTH", KEY);
        assertThat(OcppTestClient.handshakeStatus(OcppTestClient.to(ocppUrl(id)))).isEqualTo(401);
    }

    @Test
    void profileOneWithAWrongKeyOrUserIsRefusedWith401() {
        String id = registerCharger("WRONG", KEY);
        assertThat(OcppTestClient.handshakeStatus(OcppTestClient.to(ocppUrl(id)).basicAuth(id, KEY + "x"))).isEqualTo(401);
        assertThat(OcppTestClient.handshakeStatus(OcppTestClient.to(ocppUrl(id)).basicAuth("someone-else", KEY)))
                .isEqualTo(401);
    }

    @Test
    void profileOneWithItsKeyConnectsSpeakingOcpp16() {
        String id = registerCharger("RIGHT", KEY);
        try (OcppTestClient client = OcppTestClient.to(ocppUrl(id)).basicAuth(id, KEY).connect()) {
            assertThat(client.subprotocol()).isEqualTo("ocpp1.6");
            assertThat(client.boot().path("status").asText()).isEqualTo("Accepted");
        }
        // a second connection with the same key: the verified key is remembered, not re-derived
        try (OcppTestClient client = OcppTestClient.to(ocppUrl(id)).basicAuth(id, KEY).connect()) {
            assertThat(client.boot().path("status").asText()).isEqualTo("Accepted");
        }
    }

    @Test
    void aChangedKeyReplacesTheOldOneAtOnce() {
        String id = registerCharger("ROTATE", KEY);
        try (OcppTestClient client = OcppTestClient.to(ocppUrl(id)).basicAuth(id, KEY).connect()) {
            client.boot();
        }
        Map<String, Object> body = TestChargers.versiCharge(id, "rotated-key-0123456789");
        assertThat(admin().put("/api/chargers/" + id, body).status()).isEqualTo(200);
        assertThat(OcppTestClient.handshakeStatus(OcppTestClient.to(ocppUrl(id)).basicAuth(id, KEY))).isEqualTo(401);
        assertThat(OcppTestClient.handshakeStatus(OcppTestClient.to(ocppUrl(id)).basicAuth(id, "rotated-key-0123456789")))
                .isEqualTo(101);
    }

    @Test
    void profileZeroConnectsWithoutCredentials() {
        String id = TestChargers.uniqueId("OPEN");
        Map<String, Object> body = TestChargers.versiCharge(id, null);
        body.put("securityProfile", 0);
        assertThat(admin().post("/api/chargers", body).status()).isEqualTo(201);
        try (OcppTestClient client = OcppTestClient.to(ocppUrl(id)).connect()) {
            assertThat(client.boot().path("status").asText()).isEqualTo("Accepted");
        }
    }

    @Test
    void withoutTheOcpp16SubprotocolTheConnectionIsClosedAtOnce() {
        String id = registerCharger("NOPROTO", KEY);
        OcppTestClient noProtocol = OcppTestClient.to(ocppUrl(id)).subprotocol(null).basicAuth(id, KEY).connect();
        assertThat(noProtocol.subprotocol()).isEmpty();
        assertThat(noProtocol.awaitClose(Duration.ofSeconds(5))).isEqualTo(1002);

        OcppTestClient wrongProtocol = OcppTestClient.to(ocppUrl(id)).subprotocol("ocpp2.0.1").basicAuth(id, KEY).connect();
        assertThat(wrongProtocol.awaitClose(Duration.ofSeconds(5))).isEqualTo(1002);
        assertThat(admin().get("/api/chargers/" + id).json().path("connected").asBoolean()).isFalse();
    }

    @Test
    void profileTwoIsRefusedOverPlainWebSocketsWith403() {
        String id = TestChargers.uniqueId("TLSONLY");
        Map<String, Object> body = TestChargers.versiCharge(id, KEY);
        body.put("securityProfile", 2);
        assertThat(admin().post("/api/chargers", body).status()).isEqualTo(201);
        assertThat(OcppTestClient.handshakeStatus(OcppTestClient.to(ocppUrl(id)).basicAuth(id, KEY))).isEqualTo(403);
    }

    @Test
    void anInvalidIdentityInThePathIsNotFound() {
        assertThat(OcppTestClient.handshakeStatus(OcppTestClient.to(ocppUrl("a%20b")))).isEqualTo(404);
    }

    @Autowired
    private CommandGateway commandGateway;

    @Autowired
    private OcppSettings ocppSettings;

    @Test
    void aHandshakeBeyondTheConcurrencyBoundGets503WithRetryAfterAndTheNextOneIsChecked() {
        String key = "admission-key-0123456789";
        String chargePointId = registerCharger("ADM", key);
        HandshakeAdmission admission = new HandshakeAdmission(1);
        OcppHandshakeInterceptor interceptor = new OcppHandshakeInterceptor(commandGateway, new CredentialCheck(),
                ocppSettings, admission);

        assertThat(admission.tryAdmit()).as("another handshake holds the only slot").isTrue();
        MockHttpServletResponse refused = new MockHttpServletResponse();
        assertThat(interceptor.beforeHandshake(handshake(chargePointId, key), new ServletServerHttpResponse(refused),
                null, new java.util.HashMap<>())).isFalse();
        assertThat(refused.getStatus()).isEqualTo(503);
        assertThat(Integer.parseInt(refused.getHeader("Retry-After"))).isBetween(5, 30);

        admission.release();
        java.util.Map<String, Object> attributes = new java.util.HashMap<>();
        MockHttpServletResponse admitted = new MockHttpServletResponse();
        assertThat(interceptor.beforeHandshake(handshake(chargePointId, key), new ServletServerHttpResponse(admitted),
                null, attributes)).isTrue();
        assertThat(attributes).containsEntry("ocpp.chargePointId", chargePointId);
        assertThat(admission.tryAdmit()).as("the slot was given back after the check").isTrue();
    }

    private static ServletServerHttpRequest handshake(String chargePointId, String key) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/ocpp/" + chargePointId);
        request.addHeader("Authorization", "Basic " + java.util.Base64.getEncoder()
                .encodeToString((chargePointId + ":" + key).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        request.setRemoteAddr("127.0.0.1");
        return new ServletServerHttpRequest(request);
    }
}
