package io.chargeledger.api.audit;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;

/**
 * One stored event of an aggregate, as the event store holds it (secrets masked). The payload and metadata are JSON
 * text, written into the answer as they are: an export of 100,000 events need not parse and re-write them.
 */
@Schema(description = "One stored event of an aggregate, with the metadata recording who caused it and why")
public record AuditEvent(
        @Schema(description = "Position in the aggregate's stream, from 0", example = "0")
        long sequenceNumber,
        @Schema(description = "When the event was stored (UTC)", example = "2025-03-14T08:00:00.123Z")
        Instant timestamp,
        @Schema(description = "Event type: the payload's simple class name", example = "ChargerRegistered")
        String type,
        @Schema(description = "The event's unique identifier", example = "3f9d0a52-8a3c-4c1e-9d55-1b2f4c7e8a90")
        String eventId,
        @Schema(description = "The event as stored, as a JSON object; authorizationKeyHash values are masked as \"***\"",
                implementation = Map.class,
                example = "{\"chargePointId\":\"JAAL34S021\",\"details\":{\"vendor\":\"Siemens\",\"model\":\"VersiCharge 8EM1310\"},"
                        + "\"securityProfile\":1,\"authorizationKeyHash\":\"***\"}")
        @JsonRawValue String payload,
        @Schema(description = "Axon metadata: actor, httpRequestId, ocppMessageId, ocppAction, correlationId, traceId",
                implementation = Map.class,
                example = "{\"actor\":\"user:admin\",\"httpRequestId\":\"5b0c6e0e-5c43-4a0f-bb9e-0f3f6f1d2b7a\","
                        + "\"correlationId\":\"8c1e...\",\"traceId\":\"8c1e...\"}")
        @JsonRawValue String metadata) {
}
