package io.chargeledger.api.audit;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** A page of an aggregate's event stream, in sequence order. */
@Schema(description = "A page of an aggregate's complete event stream, in sequence order")
public record AuditEventPage(
        List<AuditEvent> content,
        @Schema(example = "0") int page,
        @Schema(example = "100") int size,
        @Schema(description = "Events in the whole stream", example = "7") long totalElements,
        @Schema(example = "1") long totalPages) {
}
