package io.chargeledger.api.security;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The three roles. ADMIN manages everything; AUDITOR reads everything (event history included) and changes nothing;
 * DRIVER sees chargers, and only the id tags assigned to them (tag owner = their username) and those tags' sessions,
 * which they may start and stop. An account may hold several roles; it gets the union of their rights.
 */
public final class Roles {

    public static final String ADMIN = "ADMIN";
    public static final String AUDITOR = "AUDITOR";
    public static final String DRIVER = "DRIVER";
    public static final List<String> ALL = List.of(ADMIN, AUDITOR, DRIVER);

    private Roles() {
    }

    /** The role named by this text in any case, or empty when there is no such role. */
    public static Optional<String> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String upper = text.trim().toUpperCase(Locale.ROOT);
        return ALL.contains(upper) ? Optional.of(upper) : Optional.empty();
    }
}
