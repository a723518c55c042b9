package io.chargeledger.session;

import io.chargeledger.session.api.IdTagStatus;
import io.chargeledger.session.api.IdTokens;
import io.chargeledger.session.api.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules an id tag must satisfy. The aggregate enforces them; the REST layer may ask them first to report
 * every offending field at once.
 */
public final class IdTagRules {

    public static final int MAX_OWNER_LENGTH = 100;

    // OCPP allows printable ASCII; whitespace is excluded because a tag is also a URL path segment and an
    // aggregate id, where " 04A1" and "04A1" would silently be two different tags.
    private static final Pattern ID_TOKEN = Pattern.compile("[\\x21-\\x7E]{1," + IdTokens.MAX_LENGTH + "}");

    private IdTagRules() {
    }

    public static List<Violation> checkIdToken(String field, String value) {
        List<Violation> violations = new ArrayList<>();
        if (value == null || value.isEmpty()) {
            violations.add(new Violation(field, "is required"));
        } else if (!ID_TOKEN.matcher(value).matches()) {
            violations.add(new Violation(field,
                    "must be 1-" + IdTokens.MAX_LENGTH + " printable ASCII characters without whitespace"));
        }
        return violations;
    }

    public static List<Violation> check(String idTag, IdTagStatus status, String parentIdTag,
                                        Integer maxActiveSessions, String owner) {
        List<Violation> violations = checkIdToken("idTag", idTag);
        if (status == null) {
            violations.add(new Violation("status", "is required (Accepted, Blocked or Expired)"));
        }
        if (parentIdTag != null) {
            violations.addAll(checkIdToken("parentIdTag", parentIdTag));
        }
        if (maxActiveSessions != null && maxActiveSessions < 1) {
            violations.add(new Violation("maxActiveSessions", "must be at least 1 (leave it empty for no limit)"));
        }
        if (owner != null && (owner.isBlank() || owner.length() > MAX_OWNER_LENGTH)) {
            violations.add(new Violation("owner", "must be a username of 1-" + MAX_OWNER_LENGTH + " characters"));
        }
        return violations;
    }
}
