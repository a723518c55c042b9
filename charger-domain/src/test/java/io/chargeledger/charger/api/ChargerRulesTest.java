package io.chargeledger.charger.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChargerRulesTest {

    private static ChargerDetails withIp(String ip) {
        return new ChargerDetails(null, null, "V", "M", 230, 16, 16, ip, null, null, null, 1);
    }

    private static List<String> fields(List<Violation> violations) {
        return violations.stream().map(Violation::field).toList();
    }

    @Test
    void acceptsIpv4AndIpv6Literals() {
        for (String ip : List.of("192.168.10.143", "0.0.0.0", "::1", "fe80::1", "2001:db8::8a2e:370:7334",
                "2001:0db8:0000:0000:0000:ff00:0042:8329", "::ffff:192.0.2.1")) {
            assertThat(ChargerRules.check("CP1", withIp(ip), 0, false)).as(ip).isEmpty();
        }
    }

    @Test
    void rejectsMalformedIpAddresses() {
        for (String ip : List.of("256.1.1.1", "1.2.3", "01.2.3.4", "host.example", "1::2::3", "12345::",
                "1:2:3:4:5:6:7:8:9", "")) {
            assertThat(fields(ChargerRules.check("CP1", withIp(ip), 0, false))).as(ip).containsExactly("ipAddress");
        }
    }

    @Test
    void chargePointIdMustBeAnOcppIdentity() {
        assertThat(ChargerRules.checkChargePointId("CP-001_a.b")).isEmpty();
        assertThat(ChargerRules.checkChargePointId("x".repeat(48))).isEmpty();
        assertThat(ChargerRules.checkChargePointId("x".repeat(49))).hasSize(1);
        assertThat(ChargerRules.checkChargePointId("a/b")).hasSize(1);
        assertThat(ChargerRules.checkChargePointId("a b")).hasSize(1);
        assertThat(ChargerRules.checkChargePointId("")).hasSize(1);
        assertThat(ChargerRules.checkChargePointId(null)).hasSize(1);
    }

    @Test
    void requiredFieldsAreNamed() {
        ChargerDetails empty = new ChargerDetails(null, null, null, null, null, null, null, null, null, null, null, null);
        assertThat(fields(ChargerRules.check("CP1", empty, 1, false))).containsExactlyInAnyOrder(
                "vendor", "model", "ratedVolts", "ratedAmps", "maximumAmps", "connectorCount", "authorizationKey");
    }

    @Test
    void pricingAndLocationAreChecked() {
        ChargerDetails details = new ChargerDetails(null, null, "V", "M", 230, 16, 16, null, null,
                new Location("n", "a", new BigDecimal("91"), null),
                new Pricing(new BigDecimal("-1"), "XYZ", new BigDecimal("-0.5")), 1);
        assertThat(fields(ChargerRules.check("CP1", details, 0, false))).containsExactlyInAnyOrder(
                "location.longitude", "location.latitude", "pricing.pricePerKwh", "pricing.currency",
                "pricing.sessionFee");
    }

    @Test
    void authorizationKeyIsHashedAndVerified() {
        String hash = AuthorizationKey.hash("correct-horse-battery");
        assertThat(hash).doesNotContain("correct-horse-battery").startsWith("pbkdf2-sha256$");
        assertThat(AuthorizationKey.matches("correct-horse-battery", hash)).isTrue();
        assertThat(AuthorizationKey.matches("correct-horse-batterz", hash)).isFalse();
        assertThat(AuthorizationKey.matches("correct-horse-battery", "garbage")).isFalse();
        assertThat(AuthorizationKey.hash("correct-horse-battery")).isNotEqualTo(hash);
    }

    @Test
    void authorizationKeyLengthIsSixteenToForty() {
        assertThat(AuthorizationKey.check("x".repeat(15))).hasSize(1);
        assertThat(AuthorizationKey.check("x".repeat(16))).isEmpty();
        assertThat(AuthorizationKey.check("x".repeat(40))).isEmpty();
        assertThat(AuthorizationKey.check("x".repeat(41))).hasSize(1);
        assertThat(AuthorizationKey.check("sixteen chars ok")).hasSize(1);
        assertThat(AuthorizationKey.generate(24)).hasSize(24);
    }
}
