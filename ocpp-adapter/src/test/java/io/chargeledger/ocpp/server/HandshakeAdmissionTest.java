package io.chargeledger.ocpp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HandshakeAdmissionTest {

    @Test
    void admitsUpToTheBoundAndAgainAfterARelease() {
        HandshakeAdmission admission = new HandshakeAdmission(2);
        assertThat(admission.tryAdmit()).isTrue();
        assertThat(admission.tryAdmit()).isTrue();
        assertThat(admission.tryAdmit()).isFalse();
        admission.release();
        assertThat(admission.tryAdmit()).isTrue();
    }

    @Test
    void retryAfterIsSpreadBetweenFiveAndThirtySeconds() {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int i = 0; i < 500; i++) {
            int seconds = HandshakeAdmission.retryAfterSeconds();
            assertThat(seconds).isBetween(5, 30);
            seen.add(seconds);
        }
        assertThat(seen).hasSizeGreaterThan(10);
    }

    @Test
    void aBoundBelowOneIsAConfigurationError() {
        assertThatThrownBy(() -> new HandshakeAdmission(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max-concurrent-handshakes");
    }
}
