package io.chargeledger.api.admin;

import io.swagger.v3.oas.annotations.media.Schema;

/** Where an event processor (a projection or another event handler group) stands. */
@Schema(description = "Where an event processor stands")
public record ProjectionStatus(
        @Schema(description = "Processing group name", example = "charger-view") String name,
        @Schema(description = "pooled, tracking or subscribing", example = "tracking") String mode,
        boolean running,
        @Schema(description = "The processor or one of its segments is in error") boolean error,
        @Schema(description = "The error of a failed segment, if any") String errorMessage,
        @Schema(description = "Replaying events after a reset") boolean replaying,
        @Schema(description = "Whether it can be replayed (streaming processors whose handlers allow replays)")
        boolean supportsReset,
        @Schema(description = "Global index of the last event it processed (the slowest segment); null for a "
                + "subscribing processor or while no segment is claimed", example = "1042") Long position,
        @Schema(description = "Global index of the newest stored event", example = "1042") Long head,
        @Schema(description = "head - position: stored events it has not processed yet", example = "0") Long lag,
        @Schema(description = "While replaying: the position up to which events are replayed") Long replayUntil,
        @Schema(description = "While replaying: share of the replay done, 0.0 to 1.0", example = "0.42")
        Double replayProgress) {
}
