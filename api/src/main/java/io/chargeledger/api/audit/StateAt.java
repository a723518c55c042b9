package io.chargeledger.api.audit;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** An aggregate's state as of an instant, rebuilt by replaying its events up to then. */
@Schema(description = "An aggregate's state as of an instant, rebuilt by replaying its stored events up to then")
public record StateAt<S>(
        @Schema(description = "chargePointId or sessionId", example = "JAAL34S021")
        String id,
        @Schema(description = "The instant asked for", example = "2025-03-14T09:00:00Z")
        Instant at,
        @Schema(description = "How many events were replayed (sequence numbers 0 to lastSequenceNumber)", example = "5")
        long eventsApplied,
        @Schema(description = "Sequence number of the last event replayed", example = "4")
        long lastSequenceNumber,
        @Schema(description = "When that last event was stored", example = "2025-03-14T08:59:12.345Z")
        Instant lastEventTimestamp,
        S state) {
}
