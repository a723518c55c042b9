package io.chargeledger.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** How stored payload and metadata bytes become the JSON text of an audit event. */
class StoredJsonTest {

    private static String storedJson(String stored) {
        return EventHistory.storedJson(stored == null ? null : stored.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void compactJsonIsKeptExactlyAsStored() {
        String stored = "{\"pricePerKwh\":0.30,\"energy\":1.0E+3,\"name\":\"Zoë\",\"nested\":{\"list\":[1,2]}}";

        assertThat(storedJson(stored)).isEqualTo(stored);
    }

    @Test
    void jsonWithLineBreaksIsRewrittenOnOneLineWithItsNumbersIntact() {
        assertThat(storedJson("{\n  \"pricePerKwh\" : 0.30,\r\n  \"tags\" : [ \"a\", \"b\" ]\n}"))
                .isEqualTo("{\"pricePerKwh\":0.30,\"tags\":[\"a\",\"b\"]}");
    }

    @Test
    void nothingStoredIsJsonNull() {
        assertThat(storedJson(null)).isEqualTo("null");
        assertThat(storedJson("")).isEqualTo("null");
        assertThat(storedJson("  ")).isEqualTo("null");
    }

    @Test
    void onlyEventsThatMayHoldASecretAreParsedForMasking() {
        assertThat(SecretMasking.mayHoldSecret("ChargerRegistered", "{\"authorizationKeyHash\":\"pbkdf2$...\"}")).isTrue();
        assertThat(SecretMasking.mayHoldSecret("FutureEvent", "{\"inner\":{\"authorizationKeyHash\":null}}")).isTrue();
        assertThat(SecretMasking.mayHoldSecret("ChargerOperationRequested", "{\"action\":\"Reset\"}")).isTrue();
        assertThat(SecretMasking.mayHoldSecret("ChargerDecommissioned", "{\"reason\":\"gone\"}")).isFalse();
    }
}
