package io.chargeledger.session.api;

import java.util.List;

public class IdTagRuleViolation extends RuleViolation {
    public IdTagRuleViolation(List<Violation> violations) {
        super("id tag", violations);
    }
}
