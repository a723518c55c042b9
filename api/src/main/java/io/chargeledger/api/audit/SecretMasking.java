package io.chargeledger.api.audit;

import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps secrets out of audit output. The event store keeps what it keeps; auditors see:
 * <ul>
 *   <li>every non-null {@code authorizationKeyHash} (ChargerRegistered, ChargerDetailsUpdated, or any future event
 *       carrying one, at any depth) as {@value #MASK}: a PBKDF2 hash can be attacked offline. A null stays null,
 *       because it says "no key" or "key unchanged", which auditors need;</li>
 *   <li>the {@code value} of a ChangeConfiguration request that sets the OCPP {@code AuthorizationKey} (recorded in
 *       ChargerOperationRequested.requestJson) as {@value #MASK}: it is a charger's plain password.</li>
 * </ul>
 */
final class SecretMasking {

    static final String MASK = "***";
    static final String AUTHORIZATION_KEY_HASH = "authorizationKeyHash";

    private static final String OPERATION_REQUESTED = "ChargerOperationRequested";

    private SecretMasking() {
    }

    /**
     * Whether a stored event may hold something {@link #mask} changes; the others are shown as stored, without being
     * parsed. The event serializer writes the name {@value #AUTHORIZATION_KEY_HASH} as these very characters (it never
     * escapes ASCII letters), so an event whose JSON lacks them has no such field at any depth.
     */
    static boolean mayHoldSecret(String type, String storedJson) {
        return OPERATION_REQUESTED.equals(type) || storedJson.contains(AUTHORIZATION_KEY_HASH);
    }

    static JsonNode mask(String type, JsonNode payload, JsonMapper json) {
        maskKeyHashes(payload);
        if (OPERATION_REQUESTED.equals(type) && payload instanceof ObjectNode operation
                && "ChangeConfiguration".equals(operation.path("action").asString(""))
                && operation.path("requestJson").isString()) {
            operation.put("requestJson", maskedChangeConfiguration(operation.path("requestJson").asString(), json));
        }
        return payload;
    }

    private static void maskKeyHashes(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode hash = object.get(AUTHORIZATION_KEY_HASH);
            if (hash != null && !hash.isNull()) {
                object.put(AUTHORIZATION_KEY_HASH, MASK);
            }
        }
        if (node.isContainer()) {
            for (JsonNode child : node) {
                maskKeyHashes(child);
            }
        }
    }

    private static String maskedChangeConfiguration(String requestJson, JsonMapper json) {
        try {
            JsonNode request = json.readTree(requestJson);
            if (request instanceof ObjectNode object
                    && object.path("key").asString("").toLowerCase(Locale.ROOT).equals("authorizationkey")
                    && object.has("value")) {
                object.put("value", MASK);
                return json.writeValueAsString(object);
            }
            return requestJson;
        } catch (RuntimeException unreadable) {
            // not JSON: whether it sets the key cannot be told, so it is withheld rather than risked
            return MASK;
        }
    }
}
