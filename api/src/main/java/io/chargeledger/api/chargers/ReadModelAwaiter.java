package io.chargeledger.api.chargers;

import io.chargeledger.projections.api.ChargerSummary;
import io.chargeledger.projections.api.FindCharger;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes for REST clients: after a command, wait until a read model (chargers, id tags, sessions) has
 * applied the aggregate's latest event, so that the response (and the client's next GET) shows the write.
 */
@Component
public class ReadModelAwaiter {

    private static final Logger log = LoggerFactory.getLogger(ReadModelAwaiter.class);

    private final EventStore eventStore;
    private final QueryGateway queryGateway;
    private final Duration timeout;

    public ReadModelAwaiter(EventStore eventStore, QueryGateway queryGateway,
                            @Value("${chargeledger.api.read-your-writes-timeout:10s}") Duration timeout) {
        this.eventStore = eventStore;
        this.queryGateway = queryGateway;
        this.timeout = timeout;
    }

    public Optional<ChargerSummary> chargerAfterWrite(String chargePointId) {
        return afterWrite(chargePointId, () -> findCharger(chargePointId), ChargerSummary::version);
    }

    /**
     * Waits until a read model shows the aggregate's latest stored event, then returns what it shows (or, after the
     * timeout, whatever it shows then, possibly nothing). Works for any read model whose rows record the sequence
     * number of the last event they applied.
     *
     * @param aggregateId the aggregate that was just written to (a chargePointId, an idTag, a sessionId...)
     * @param read        reads the aggregate's row of the read model
     * @param version     the sequence number of the last event that row applied
     */
    public <T> Optional<T> afterWrite(String aggregateId, Supplier<Optional<T>> read, ToLongFunction<T> version) {
        long expected = eventStore.lastSequenceNumberFor(aggregateId).orElse(-1L);
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 2;
        while (true) {
            Optional<T> view = read.get();
            if (view.isPresent() && version.applyAsLong(view.get()) >= expected) {
                return view;
            }
            if (System.nanoTime() > deadline) {
                log.warn("Read model did not reach version {} of {} within {}", expected, aggregateId, timeout);
                return view;
            }
            sleep(pause);
            pause = Math.min(pause * 2, 50);
        }
    }

    public Optional<ChargerSummary> findCharger(String chargePointId) {
        return queryGateway.query(new FindCharger(chargePointId), ResponseTypes.optionalInstanceOf(ChargerSummary.class))
                .join();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the read model", e);
        }
    }
}
