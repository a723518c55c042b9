package io.chargeledger.session.api;

import java.util.List;

/** A command that would break the rules, with every offending field so that callers can report them all at once. */
public abstract class RuleViolation extends RuntimeException {

    private final List<Violation> violations;

    protected RuleViolation(String subject, List<Violation> violations) {
        super(describe(subject, violations));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }

    private static String describe(String subject, List<Violation> violations) {
        StringBuilder text = new StringBuilder("Invalid ").append(subject).append(": ");
        for (int i = 0; i < violations.size(); i++) {
            if (i > 0) {
                text.append("; ");
            }
            text.append(violations.get(i).field()).append(' ').append(violations.get(i).message());
        }
        return text.toString();
    }
}
