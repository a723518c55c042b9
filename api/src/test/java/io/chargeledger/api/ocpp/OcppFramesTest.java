package io.chargeledger.api.ocpp;

import static io.chargeledger.api.support.OcppTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chargeledger.api.support.ApiIntegrationTest;
import io.chargeledger.api.support.OcppTestClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every CALLERROR path of OCPP-J 1.6, against the running server. */
class OcppFramesTest extends ApiIntegrationTest {

    private static final String KEY = "frames-key-0123456789";

    private OcppTestClient booted() {
        return connectBooted(registerCharger("FRM", KEY), KEY);
    }

    private static void assertCallError(JsonNode answer, String messageId, String code) {
        assertThat(answer.get(0).asInt()).as(answer.toString()).isEqualTo(4);
        assertThat(answer.get(1).asText()).isEqualTo(messageId);
        assertThat(answer.get(2).asText()).isEqualTo(code);
        assertThat(answer.get(3).asText()).isNotBlank();
        assertThat(answer.get(4).isObject()).isTrue();
    }

    @Test
    void aFrameThatIsNotJsonButHasAReadableIdGetsFormationViolation() {
        try (OcppTestClient client = booted()) {
            client.sendText("[2,\"bad-json-1\",\"Heartbeat\",{");
            assertCallError(client.awaitAnswer("bad-json-1"), "bad-json-1", "FormationViolation");
            assertThat(client.callOk("Heartbeat", json("{}")).has("currentTime")).isTrue();
        }
    }

    @Test
    void aFrameWithoutAReadableIdClosesTheSocket() {
        try (OcppTestClient client = booted()) {
            client.sendText("{\"not\":\"an array\"}");
            assertThat(client.awaitClose(Duration.ofSeconds(5))).isIn(1002, 1007);
        }
        try (OcppTestClient client = booted()) {
            client.sendText("garbage");
            assertThat(client.awaitClose(Duration.ofSeconds(5))).isIn(1002, 1007);
        }
    }

    @Test
    void anUnknownMessageTypeGetsProtocolError() {
        try (OcppTestClient client = booted()) {
            client.sendText("[7,\"type-7\",\"Heartbeat\",{}]");
            assertCallError(client.awaitAnswer("type-7"), "type-7", "ProtocolError");
        }
    }

    @Test
    void aCallWithTheWrongShapeGetsFormationViolation() {
        try (OcppTestClient client = booted()) {
            client.sendText("[2,\"shape-1\",\"Heartbeat\"]");
            assertCallError(client.awaitAnswer("shape-1"), "shape-1", "FormationViolation");
            client.sendText("[2,\"shape-2\",\"Heartbeat\",[]]");
            assertCallError(client.awaitAnswer("shape-2"), "shape-2", "FormationViolation");
        }
    }

    @Test
    void anUnknownActionGetsNotImplemented() {
        try (OcppTestClient client = booted()) {
            JsonNode answer = client.call("MakeCoffee", json("{}"));
            assertCallError(answer, answer.get(1).asText(), "NotImplemented");
        }
    }

    @Test
    void aCentralSystemActionSentByAChargerGetsNotSupported() {
        try (OcppTestClient client = booted()) {
            JsonNode answer = client.call("Reset", json("{\"type\":\"Soft\"}"));
            assertCallError(answer, answer.get(1).asText(), "NotSupported");
        }
    }

    @Test
    void payloadViolationsGetTheirOwnCodes() {
        try (OcppTestClient client = booted()) {
            JsonNode missing = client.call("StatusNotification", json("{\"connectorId\":1,\"errorCode\":\"NoError\"}"));
            assertCallError(missing, missing.get(1).asText(), "OccurenceConstraintViolation");
            assertThat(missing.get(3).asText()).contains("status");

            JsonNode wrongType = client.call("StatusNotification",
                    json("{\"connectorId\":\"one\",\"errorCode\":\"NoError\",\"status\":\"Available\"}"));
            assertCallError(wrongType, wrongType.get(1).asText(), "TypeConstraintViolation");
            assertThat(wrongType.get(3).asText()).contains("connectorId");

            JsonNode badEnum = client.call("StatusNotification",
                    json("{\"connectorId\":1,\"errorCode\":\"NoError\",\"status\":\"Sleeping\"}"));
            assertCallError(badEnum, badEnum.get(1).asText(), "PropertyConstraintViolation");

            JsonNode tooLong = client.call("BootNotification",
                    json("{\"chargePointVendor\":\"" + "V".repeat(21) + "\",\"chargePointModel\":\"M\"}"));
            assertCallError(tooLong, tooLong.get(1).asText(), "PropertyConstraintViolation");

            JsonNode badDate = client.call("StatusNotification",
                    json("{\"connectorId\":1,\"errorCode\":\"NoError\",\"status\":\"Available\",\"timestamp\":\"yesterday\"}"));
            assertCallError(badDate, badDate.get(1).asText(), "PropertyConstraintViolation");

            JsonNode notObject = client.call("Heartbeat", json("{}").arrayNode());
            assertCallError(notObject, notObject.get(1).asText(), "FormationViolation");
        }
    }

    @Test
    void callsBeforeAnAcceptedBootGetSecurityError() {
        String id = registerCharger("NOBOOT", KEY);
        try (OcppTestClient client = OcppTestClient.to(ocppUrl(id)).basicAuth(id, KEY).connect()) {
            JsonNode answer = client.call("Heartbeat", json("{}"));
            assertCallError(answer, answer.get(1).asText(), "SecurityError");
            assertThat(client.boot().path("status").asText()).isEqualTo("Accepted");
            assertThat(client.callOk("Heartbeat", json("{}")).has("currentTime")).isTrue();
        }
    }

    @Test
    void aDuplicateMessageIdWhileTheFirstIsInProgressGetsProtocolError() {
        try (OcppTestClient client = booted()) {
            // Both frames go out back to back: the second almost always arrives while the first is queued or being
            // stored. Rarely (a pause on a busy machine) the first has been stored and answered before the second is
            // read, and the id is free again: then both are answered, and the test tries again with a new id.
            boolean refused = false;
            for (int attempt = 1; attempt <= 5 && !refused; attempt++) {
                String messageId = "dup-" + attempt;
                String frame = "[2,\"" + messageId + "\",\"StatusNotification\","
                        + "{\"connectorId\":1,\"errorCode\":\"NoError\",\"status\":\"Available\"}]";
                client.sendText(frame);
                client.sendText(frame);
                JsonNode first = client.nextFrame(Duration.ofSeconds(10));
                JsonNode second = client.nextFrame(Duration.ofSeconds(10));
                assertThat(first.get(0).asInt()).isIn(3, 4);
                assertThat(second.get(0).asInt()).isIn(3, 4);
                assertThat(first.get(1).asText()).isEqualTo(messageId);
                assertThat(second.get(1).asText()).isEqualTo(messageId);
                // never both refused: one of the two is the call, and it is answered
                assertThat(first.get(0).asInt() + second.get(0).asInt()).isLessThanOrEqualTo(7);
                if (first.get(0).asInt() == 4 || second.get(0).asInt() == 4) {
                    assertCallError(first.get(0).asInt() == 4 ? first : second, messageId, "ProtocolError");
                    refused = true;
                }
            }
            assertThat(refused).as("a duplicate of a call in progress is refused").isTrue();
        }
    }

    @Test
    void aTooLargeFrameClosesTheSocketWith1009() {
        try (OcppTestClient client = booted()) {
            client.sendText("[2,\"big\",\"DataTransfer\",{\"vendorId\":\"x\",\"data\":\"" + "x".repeat(70_000) + "\"}]");
            assertThat(client.awaitClose(Duration.ofSeconds(5))).isEqualTo(1009);
        }
    }

    @Test
    void theSizeLimitCountsUtf8BytesNotCharacters() {
        try (OcppTestClient client = booted()) {
            // 40,000 characters, 80,000 bytes in UTF-8
            client.sendText("[2,\"wide\",\"DataTransfer\",{\"vendorId\":\"x\",\"data\":\"" + "é".repeat(40_000) + "\"}]");
            assertThat(client.awaitClose(Duration.ofSeconds(5))).isEqualTo(1009);
        }
    }

    @Test
    void aLargeFrameBelowTheLimitIsAssembledAndAnswered() {
        try (OcppTestClient client = booted()) {
            // far beyond the container's small per-connection buffer, still below the 64 KiB limit
            String data = "0123456789".repeat(6_000) + "é€\uD83D\uDE00";
            client.sendText("[2,\"large\",\"DataTransfer\",{\"vendorId\":\"com.example\",\"data\":\"" + data + "\"}]");
            JsonNode answer = client.awaitAnswer("large");
            assertThat(answer.get(0).asInt()).isEqualTo(3);
            assertThat(answer.get(2).path("status").asText()).isEqualTo("UnknownVendorId");
            assertThat(client.isOpen()).isTrue();
        }
    }

    @Test
    void aMessageSentInSeveralFramesIsJoined() {
        try (OcppTestClient client = booted()) {
            client.sendTextInFragments("[2,\"frag\",\"Data", "Transfer\",{\"vendorId\":\"com.example\",",
                    "\"data\":\"" + "y".repeat(5_000) + "\"}]");
            assertThat(client.awaitAnswer("frag").get(2).path("status").asText()).isEqualTo("UnknownVendorId");
        }
    }

    @Test
    void aBinaryFrameClosesTheSocketWith1003() {
        try (OcppTestClient client = booted()) {
            client.sendBinary(new byte[] {'[', '2', ']'});
            assertThat(client.awaitClose(Duration.ofSeconds(5))).isEqualTo(1003);
        }
    }

    @Test
    void answersOnlyTheBadCallAndKeepsServingTheCharger() {
        try (OcppTestClient client = booted()) {
            client.sendText("[2,\"bad-json-2\",");
            assertCallError(client.awaitAnswer("bad-json-2"), "bad-json-2", "FormationViolation");
            JsonNode transfer = client.callOk("DataTransfer", json("{\"vendorId\":\"com.example\",\"messageId\":\"x\",\"data\":\"y\"}"));
            assertThat(transfer.path("status").asText()).isEqualTo("UnknownVendorId");
        }
    }
}
