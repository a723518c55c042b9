package io.chargeledger.api.admin;

import io.chargeledger.api.problems.NotFoundException;
import io.chargeledger.api.problems.ProblemException;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Status and replay of this node's event processors. A replay resets a streaming processor's tokens to the start of
 * the event store: its {@code @ResetHandler}s clear the read model in the same transaction, then the processor
 * rebuilds it from every stored event while the rest of the application keeps running.
 */
@Component
public class ProjectionAdministration {

    private static final Logger log = LoggerFactory.getLogger(ProjectionAdministration.class);

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    // One replay at a time per processor; different processors replay side by side (each stops, resets and
    // restarts only itself, and stopping one waits up to a second for its worker to notice).
    private final Map<String, Object> replayLocks = new ConcurrentHashMap<>();

    public ProjectionAdministration(EventProcessingConfiguration processing, EventStore eventStore) {
        this.processing = processing;
        this.eventStore = eventStore;
    }

    public List<ProjectionStatus> statuses() {
        Long head = head();
        return processing.eventProcessors().values().stream()
                .map(processor -> status(processor, head))
                .sorted(Comparator.comparing(ProjectionStatus::name))
                .toList();
    }

    public ProjectionStatus status(String name) {
        return status(processor(name), head());
    }

    /**
     * Stops the processor, resets its tokens (running its reset handlers) and starts it again; the rebuild goes on in
     * the background. Fails with 404 for an unknown processor and 409 when it cannot be replayed.
     */
    public ProjectionStatus replay(String name) {
        EventProcessor processor = processor(name);
        if (!(processor instanceof StreamingEventProcessor streaming)) {
            throw new ProblemException(HttpStatus.CONFLICT, "Replay not supported", "Event processor " + name
                    + " is subscribing: it handles events in the transaction that stores them and keeps no position "
                    + "to reset");
        }
        if (!streaming.supportsReset()) {
            throw new ProblemException(HttpStatus.CONFLICT, "Replay not supported", "Event processor " + name
                    + " has handlers that must not see events twice (no reset handler or replays disallowed)");
        }
        synchronized (replayLocks.computeIfAbsent(name, key -> new Object())) {
            awaitLauncher(streaming);
            log.info("Replaying event processor {}: stopping it and resetting its tokens", name);
            streaming.shutDown();
            try {
                streaming.resetTokens();
            } catch (UnableToClaimTokenException claimedElsewhere) {
                throw new ProblemException(HttpStatus.CONFLICT, "Replay not possible now", "Event processor " + name
                        + " has segments claimed by another node; stop it there first");
            } finally {
                streaming.start();
            }
        }
        return status(processor, head());
    }

    /**
     * Waits, at most {@link #WORKER_START}, until the processor's segment launcher has finished. Axon's tracking
     * processor (4.13) loses its worker thread for good when it is stopped while its launcher hands the claimed segment
     * to a worker: the launcher frees the segment but never returns its thread, so the processor stays "running" and
     * never processes again (measured: replays asked for at once stopped a read model until a restart). A processor
     * that started moments ago (a replay just before this one, or the application's start) may be in that moment. The
     * launcher's flag is private to Axon, hence read by reflection; without it (another Axon version) nothing waits.
     */
    private static void awaitLauncher(StreamingEventProcessor streaming) {
        if (!(streaming instanceof TrackingEventProcessor tracking) || LAUNCHER_RUNNING == null) {
            return;
        }
        long deadline = System.nanoTime() + WORKER_START.toNanos();
        while (launcherRunning(tracking) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static boolean launcherRunning(TrackingEventProcessor tracking) {
        try {
            return ((AtomicBoolean) LAUNCHER_RUNNING.get(tracking)).get();
        } catch (IllegalAccessException | ClassCastException e) {
            return false;
        }
    }

    private static final Field LAUNCHER_RUNNING = launcherRunningField();

    private static Field launcherRunningField() {
        try {
            Field field = TrackingEventProcessor.class.getDeclaredField("workLauncherRunning");
            field.setAccessible(true);
            return field.getType() == AtomicBoolean.class ? field : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("Cannot see whether a tracking processor's launcher is running ({}); replays do not wait for it",
                    e.toString());
            return null;
        }
    }

    // a launcher with a free segment hands it over within milliseconds; one without (claimed elsewhere) keeps looking
    private static final Duration WORKER_START = Duration.ofSeconds(10);

    private EventProcessor processor(String name) {
        return processing.eventProcessor(name)
                .orElseThrow(() -> new NotFoundException("No event processor named " + name));
    }

    /** Global index of the newest event in the store, null when there is none. */
    private Long head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? null : boxed(head.position());
    }

    private static ProjectionStatus status(EventProcessor processor, Long head) {
        if (!(processor instanceof StreamingEventProcessor streaming)) {
            return new ProjectionStatus(processor.getName(), mode(processor), processor.isRunning(), processor.isError(),
                    null, false, false, null, head, null, null, null);
        }
        Collection<EventTrackerStatus> segments = streaming.processingStatus().values();
        Optional<EventTrackerStatus> failed = segments.stream().filter(EventTrackerStatus::isErrorState).findFirst();
        String errorMessage = failed.map(EventTrackerStatus::getError).map(Throwable::getMessage).orElse(null);
        // the slowest segment decides how far the read model is complete
        Long position = segments.isEmpty() ? null : segments.stream()
                .map(segment -> segment.getCurrentPosition())
                .map(current -> current.isPresent() ? current.getAsLong() : 0L)
                .min(Long::compare).orElse(null);
        Long lag = position == null ? null : Math.max(0, (head == null ? 0 : head) - position);
        boolean replaying = streaming.isReplaying();
        Long replayUntil = null;
        Double progress = null;
        if (replaying) {
            replayUntil = segments.stream().map(EventTrackerStatus::getResetPosition)
                    .filter(OptionalLong::isPresent).map(OptionalLong::getAsLong)
                    .max(Long::compare).orElse(null);
            if (replayUntil != null && replayUntil > 0 && position != null) {
                progress = Math.min(1.0, (double) position / replayUntil);
            }
        }
        return new ProjectionStatus(processor.getName(), mode(processor), processor.isRunning(),
                processor.isError() || failed.isPresent(), errorMessage, replaying, streaming.supportsReset(),
                position, head, lag, replayUntil, progress);
    }

    private static String mode(EventProcessor processor) {
        if (processor instanceof PooledStreamingEventProcessor) {
            return "pooled";
        }
        if (processor instanceof TrackingEventProcessor) {
            return "tracking";
        }
        if (processor instanceof SubscribingEventProcessor) {
            return "subscribing";
        }
        return processor.getClass().getSimpleName();
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }
}
