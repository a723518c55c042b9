package io.chargeledger.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.chargeledger.session.api.IdTagStatus;
import io.chargeledger.session.api.IdTokens;
import io.chargeledger.session.api.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionRulesTest {

    private static List<String> fields(List<Violation> violations) {
        return violations.stream().map(Violation::field).toList();
    }

    @Test
    void anIdTokenIsOneToTwentyPrintableCharacters() {
        assertThat(IdTagRules.checkIdToken("idTag", "A")).isEmpty();
        assertThat(IdTagRules.checkIdToken("idTag", "X".repeat(20))).isEmpty();
        assertThat(IdTagRules.checkIdToken("idTag", "04:A1-B2_c3~")).isEmpty();
        assertThat(fields(IdTagRules.checkIdToken("idTag", "X".repeat(21)))).containsExactly("idTag");
        assertThat(fields(IdTagRules.checkIdToken("idTag", "a b"))).containsExactly("idTag");
        assertThat(fields(IdTagRules.checkIdToken("idTag", "tag\u00e9"))).containsExactly("idTag");
        assertThat(fields(IdTagRules.checkIdToken("idTag", ""))).containsExactly("idTag");
        assertThat(fields(IdTagRules.checkIdToken("idTag", null))).containsExactly("idTag");
    }

    @Test
    void idTokensAreCanonicalizedToUpperCaseAsciiOnly() {
        assertThat(IdTokens.canonical("04a1b2-x")).isEqualTo("04A1B2-X");
        assertThat(IdTokens.canonical("stra\u00dfe")).isEqualTo("STRA\u00dfE");
        assertThat(IdTokens.canonical(null)).isNull();
        assertThat(IdTokens.sameToken("abc", "ABC")).isTrue();
        assertThat(IdTokens.sameToken("abc", "abd")).isFalse();
        assertThat(IdTokens.sameToken(null, "abc")).isFalse();
    }

    @Test
    void everyBrokenIdTagRuleIsNamed() {
        assertThat(fields(IdTagRules.check(null, null, "a b", 0, "x".repeat(101)))).containsExactlyInAnyOrder(
                "idTag", "status", "parentIdTag", "maxActiveSessions", "owner");
        assertThat(IdTagRules.check("A", IdTagStatus.Accepted, null, null, null)).isEmpty();
        assertThat(IdTagRules.check("A", IdTagStatus.Accepted, "P", 1, "alice")).isEmpty();
    }

    @Test
    void aSessionIdIsACanonicalUuid() {
        assertThat(SessionRules.checkSessionId("6f1c2d3e-4a5b-4c6d-8e7f-901234567890")).isEmpty();
        assertThat(SessionRules.checkSessionId("6F1C2D3E-4A5B-4C6D-8E7F-901234567890")).isEmpty();
        assertThat(fields(SessionRules.checkSessionId("1-2-3-4-5"))).containsExactly("sessionId");
        assertThat(fields(SessionRules.checkSessionId("session-1"))).containsExactly("sessionId");
        assertThat(fields(SessionRules.checkSessionId(null))).containsExactly("sessionId");
    }
}
