package io.chargeledger.api.problems;

import io.chargeledger.charger.api.Violation;
import java.util.List;

/** A request that breaks rules checked before any command is sent; answered 400 naming every field. */
public class InvalidRequestException extends RuntimeException {

    private final List<Violation> violations;

    public InvalidRequestException(List<Violation> violations) {
        super("Invalid request");
        this.violations = List.copyOf(violations);
    }

    public InvalidRequestException(String field, String message) {
        this(List.of(new Violation(field, message)));
    }

    /** The session domain's rules (id tags, sessions), asked before a command, report with the same field names. */
    public static InvalidRequestException ofSessionRules(List<io.chargeledger.session.api.Violation> violations) {
        return new InvalidRequestException(violations.stream()
                .map(v -> new Violation(v.field(), v.message())).toList());
    }

    public List<Violation> violations() {
        return violations;
    }
}
