package io.chargeledger.ocpp.frame;

import com.fasterxml.jackson.databind.JsonNode;

/** One OCPP-J message: CALL [2,id,action,payload], CALLRESULT [3,id,payload] or CALLERROR [4,id,code,description,details]. */
public sealed interface Frame {

    String messageId();

    record Call(String messageId, String action, JsonNode payload) implements Frame {
    }

    record CallResult(String messageId, JsonNode payload) implements Frame {
    }

    record CallError(String messageId, String errorCode, String description, JsonNode details) implements Frame {
    }
}
