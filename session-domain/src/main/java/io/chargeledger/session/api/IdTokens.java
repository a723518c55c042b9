package io.chargeledger.session.api;

/**
 * OCPP 1.6 IdToken is a case-insensitive string of at most 20 characters. Commands addressed to an
 * {@code IdTag} aggregate canonicalize it to upper case in their constructors, so that "04a1b2" from a charger
 * and "04A1B2" typed by an admin route to the same aggregate whoever builds the command.
 */
public final class IdTokens {

    private static final String AGGREGATE_PREFIX = "idtag/";

    public static final int MAX_LENGTH = 20;

    private IdTokens() {
    }

    /** Upper-cases ASCII letters only: Locale-based upper-casing could change the length (ß becomes SS). */
    public static String canonical(String idTag) {
        if (idTag == null) {
            return null;
        }
        StringBuilder canonical = new StringBuilder(idTag.length());
        for (int i = 0; i < idTag.length(); i++) {
            char c = idTag.charAt(i);
            canonical.append(c >= 'a' && c <= 'z' ? (char) (c - 'a' + 'A') : c);
        }
        return canonical.toString();
    }

    /**
     * The IdTag aggregate's identifier: "idtag/" + the canonical tag. Chargers and tags share one event store;
     * a '/' can never occur in a chargePointId, so a tag can never take over a charger's event stream.
     */
    public static String aggregateId(String idTag) {
        return AGGREGATE_PREFIX + canonical(idTag);
    }

    /** The canonical tag behind an IdTag aggregate's identifier; null for any other identifier (or null). */
    public static String idTagOf(String aggregateId) {
        return aggregateId != null && aggregateId.startsWith(AGGREGATE_PREFIX)
                ? aggregateId.substring(AGGREGATE_PREFIX.length()) : null;
    }

    public static boolean sameToken(String a, String b) {
        return a != null && b != null && canonical(a).equals(canonical(b));
    }
}
