package io.chargeledger.session.api;

import java.util.List;

public class SessionRuleViolation extends RuleViolation {
    public SessionRuleViolation(List<Violation> violations) {
        super("charging session", violations);
    }
}
