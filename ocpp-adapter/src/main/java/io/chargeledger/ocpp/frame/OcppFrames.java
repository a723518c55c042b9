package io.chargeledger.ocpp.frame;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chargeledger.ocpp.validation.CallErrorCode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads and writes OCPP-J 1.6 frames. */
public final class OcppFrames {

    public static final int CALL = 2;
    public static final int CALL_RESULT = 3;
    public static final int CALL_ERROR = 4;

    /** OCPP-J: "a message ID ... maximum of 36 characters". */
    public static final int MAX_MESSAGE_ID_LENGTH = 36;

    /** RFC 6455 close code 1002: the peer broke the protocol. */
    public static final int CLOSE_PROTOCOL_ERROR = 1002;
    /** RFC 6455 close code 1007: data inconsistent with the message type. */
    public static final int CLOSE_INVALID_PAYLOAD = 1007;

    // Salvages the id of a frame that is not valid JSON, so the sender still gets a CALLERROR it can correlate.
    private static final Pattern LEADING_ID = Pattern.compile("^\\s*\\[\\s*[234]\\s*,\\s*\"([^\"\\\\]{1,36})\"");

    private OcppFrames() {
    }

    public static ParsedFrame parse(String text) {
        JsonNode root;
        try {
            root = OcppJson.MAPPER.readTree(text);
        } catch (JsonProcessingException notJson) {
            Matcher id = LEADING_ID.matcher(text);
            if (id.find()) {
                return malformed(id.group(1), CallErrorCode.FORMATION_VIOLATION, "Frame is not valid JSON");
            }
            return new ParsedFrame.Malformed(null, CallErrorCode.FORMATION_VIOLATION, "Frame is not valid JSON",
                    CLOSE_INVALID_PAYLOAD);
        }
        if (root == null || !root.isArray()) {
            return new ParsedFrame.Malformed(null, CallErrorCode.FORMATION_VIOLATION,
                    "Frame is not a JSON array", CLOSE_PROTOCOL_ERROR);
        }
        if (root.size() < 3 || !root.get(0).isInt() || !root.get(1).isTextual()) {
            String id = root.size() > 1 && root.get(1).isTextual() ? root.get(1).asText() : null;
            return malformed(id, CallErrorCode.FORMATION_VIOLATION,
                    "Frame must start with an integer message type and a string message id");
        }
        String messageId = root.get(1).asText();
        if (messageId.isEmpty() || messageId.length() > MAX_MESSAGE_ID_LENGTH) {
            return malformed(messageId, CallErrorCode.FORMATION_VIOLATION,
                    "Message id must be 1-" + MAX_MESSAGE_ID_LENGTH + " characters");
        }
        int type = root.get(0).asInt();
        return switch (type) {
            case CALL -> parseCall(root, messageId);
            case CALL_RESULT -> root.size() == 3 && root.get(2).isObject()
                    ? new ParsedFrame.WellFormed(new Frame.CallResult(messageId, root.get(2)))
                    : malformed(messageId, CallErrorCode.FORMATION_VIOLATION,
                            "CALLRESULT must be [3, messageId, {payload}]");
            case CALL_ERROR -> root.size() == 5 && root.get(2).isTextual() && root.get(3).isTextual()
                    ? new ParsedFrame.WellFormed(new Frame.CallError(messageId, root.get(2).asText(),
                            root.get(3).asText(), root.get(4)))
                    : malformed(messageId, CallErrorCode.FORMATION_VIOLATION,
                            "CALLERROR must be [4, messageId, errorCode, errorDescription, {details}]");
            default -> malformed(messageId, CallErrorCode.PROTOCOL_ERROR,
                    "Unknown message type " + type + "; OCPP-J 1.6 knows 2 (CALL), 3 (CALLRESULT) and 4 (CALLERROR)");
        };
    }

    private static ParsedFrame parseCall(JsonNode root, String messageId) {
        if (root.size() != 4 || !root.get(2).isTextual()) {
            return malformed(messageId, CallErrorCode.FORMATION_VIOLATION,
                    "CALL must be [2, messageId, action, {payload}]");
        }
        return new ParsedFrame.WellFormed(new Frame.Call(messageId, root.get(2).asText(), root.get(3)));
    }

    private static ParsedFrame.Malformed malformed(String messageId, CallErrorCode code, String description) {
        return new ParsedFrame.Malformed(messageId, code, description, CLOSE_PROTOCOL_ERROR);
    }

    public static String call(String messageId, String action, JsonNode payload) {
        ArrayNode frame = JsonNodeFactory.instance.arrayNode();
        frame.add(CALL).add(messageId).add(action).add(payload);
        return frame.toString();
    }

    public static String callResult(String messageId, JsonNode payload) {
        ArrayNode frame = JsonNodeFactory.instance.arrayNode();
        frame.add(CALL_RESULT).add(messageId).add(payload);
        return frame.toString();
    }

    public static String callError(String messageId, CallErrorCode code, String description) {
        ArrayNode frame = JsonNodeFactory.instance.arrayNode();
        // OCPP-J: errorDescription at most 255 characters; details an object (empty when there is nothing)
        String text = description == null || description.isEmpty() ? code.wireName() : description;
        frame.add(CALL_ERROR).add(messageId).add(code.wireName())
                .add(text.length() > 255 ? text.substring(0, 255) : text)
                .add(JsonNodeFactory.instance.objectNode());
        return frame.toString();
    }

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }
}
