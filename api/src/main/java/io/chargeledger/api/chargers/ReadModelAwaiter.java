package io.chargeledger.api.chargers;

import io.chargeledger.projections.api.ChargerSummary;
import io.chargeledger.projections.api.FindCharger;
import java.time.Duration;
import java.util.Optional;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes for REST clients: after a command, wait until the charger read model has applied the
 * aggregate's latest event, so that the response (and the client's next GET) shows the write.
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
        long expected = eventStore.lastSequenceNumberFor(chargePointId).orElse(-1L);
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 2;
        while (true) {
            Optional<ChargerSummary> view = findCharger(chargePointId);
            if (view.isPresent() && view.get().version() >= expected) {
                return view;
            }
            if (System.nanoTime() > deadline) {
                log.warn("Charger read model did not reach version {} of {} within {}", expected, chargePointId,
                        timeout);
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
