package io.chargeledger.api.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Read models (projections) and their event processors: status, lag and replay.
 *
 * <p>ROLES: POST .../replay is ADMIN-only (it empties and rebuilds a read model); GET (status, read-only) is for
 * ADMIN and may be shown to AUDITOR. Without roles, any authenticated user may use both.
 */
@RestController
@RequestMapping("/api/admin/projections")
@Tag(name = "Admin: projections", description = "Event processor status and lag (roles: ADMIN, AUDITOR) and read "
        + "model replay (role: ADMIN)")
public class ProjectionAdminController {

    private static final String STATUS_EXAMPLE = """
            {"name":"charger-view","mode":"tracking","running":true,"error":false,"errorMessage":null,
            "replaying":true,"supportsReset":true,"position":420,"head":1042,"lag":622,"replayUntil":1042,
            "replayProgress":0.403}""";

    private final ProjectionAdministration projections;

    public ProjectionAdminController(ProjectionAdministration projections) {
        this.projections = projections;
    }

    // ROLES: ADMIN; AUDITOR may read it too
    @GetMapping
    @Operation(summary = "Status of every event processor",
            description = "Mode, running, error, replaying, position (global index processed), lag (newest stored "
                    + "event - position) and replay progress.")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/json",
            array = @ArraySchema(schema = @Schema(implementation = ProjectionStatus.class)),
            examples = @ExampleObject(name = "processors", value = "[" + STATUS_EXAMPLE + "]")))
    public List<ProjectionStatus> list() {
        return projections.statuses();
    }

    // ROLES: ADMIN only
    @PostMapping("/{name}/replay")
    @Operation(summary = "Rebuild a read model from the whole event store",
            description = "Stops the streaming processor, resets its tokens (its reset handler clears the read model) "
                    + "and starts it again; the rebuild runs in the background: follow it with GET "
                    + "/api/admin/projections. While it runs, the read model is incomplete.")
    @ApiResponse(responseCode = "202", description = "Replay started", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ProjectionStatus.class),
            examples = @ExampleObject(name = "replaying", value = STATUS_EXAMPLE)))
    @ApiResponse(responseCode = "404", description = "No event processor with this name", content = @Content)
    @ApiResponse(responseCode = "409", description = "The processor cannot be replayed (subscribing, replays "
            + "disallowed, or segments claimed by another node)", content = @Content)
    public ResponseEntity<ProjectionStatus> replay(@PathVariable String name) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(projections.replay(name));
    }
}
