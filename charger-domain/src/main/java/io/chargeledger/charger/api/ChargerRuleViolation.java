package io.chargeledger.charger.api;

import java.util.List;

/** Thrown when a command would put a charger into a state the rules forbid. */
public class ChargerRuleViolation extends RuntimeException {

    private final List<Violation> violations;

    public ChargerRuleViolation(List<Violation> violations) {
        super(describe(violations));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }

    private static String describe(List<Violation> violations) {
        StringBuilder text = new StringBuilder("Invalid charger: ");
        for (int i = 0; i < violations.size(); i++) {
            if (i > 0) {
                text.append("; ");
            }
            text.append(violations.get(i).field()).append(' ').append(violations.get(i).message());
        }
        return text.toString();
    }
}
