package io.chargeledger.ocpp.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import io.chargeledger.ocpp.connection.ChargePointConnection;
import io.chargeledger.ocpp.connection.ChargePointConnection.Advance;
import io.chargeledger.ocpp.connection.ChargePointConnection.OutboundCall;
import io.chargeledger.ocpp.connection.ConnectionRegistry;
import io.chargeledger.ocpp.frame.Frame;
import io.chargeledger.ocpp.frame.OcppFrames;
import io.chargeledger.ocpp.server.OcppMetrics;
import java.time.Duration;
import java.util.Collection;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Outbound calls to chargers connected to this node: one outstanding per connection, the rest queued in order. */
public class LocalChargePointGateway implements ChargePointGateway {

    private static final Logger log = LoggerFactory.getLogger(LocalChargePointGateway.class);

    private final ConnectionRegistry registry;
    private final ScheduledExecutorService scheduler;
    private final Duration timeout;
    private final OcppMetrics metrics;

    public LocalChargePointGateway(ConnectionRegistry registry, ScheduledExecutorService scheduler, Duration timeout,
                                   OcppMetrics metrics) {
        this.registry = registry;
        this.scheduler = scheduler;
        this.timeout = timeout;
        this.metrics = metrics;
    }

    @Override
    public CompletableFuture<JsonNode> call(String chargePointId, String action, JsonNode payload) {
        ChargePointConnection connection = registry.find(chargePointId).orElse(null);
        if (connection == null || connection.isClosed()) {
            return CompletableFuture.failedFuture(new ChargerNotConnected(chargePointId));
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        OutboundCall call = new OutboundCall(UUID.randomUUID().toString(), action, payload, answer);
        OutboundCall sendNow = connection.enqueueOutbound(call);
        if (connection.isClosed() && !answer.isDone()) {
            answer.completeExceptionally(new ChargerNotConnected(chargePointId));
        } else if (sendNow != null) {
            transmit(connection, sendNow);
        }
        return answer;
    }

    @Override
    public boolean isConnected(String chargePointId) {
        return registry.find(chargePointId).filter(c -> !c.isClosed()).isPresent();
    }

    /** A CALLRESULT or CALLERROR from the charger. */
    public void onAnswer(ChargePointConnection connection, Frame answer) {
        Advance advance = connection.completeOutstanding(answer.messageId());
        if (advance == null) {
            log.info("Ignoring an answer from {} to unknown or expired message id {}", connection.chargePointId(),
                    answer.messageId());
            return;
        }
        OutboundCall done = advance.done();
        if (answer instanceof Frame.CallResult result) {
            metrics.outbound(done.action(), "result");
            done.answer().complete(result.payload());
        } else if (answer instanceof Frame.CallError error) {
            metrics.outbound(done.action(), error.errorCode());
            done.answer().completeExceptionally(new CallErrorReceived(connection.chargePointId(), done.action(),
                    error.errorCode(), error.description()));
        }
        sendNext(connection, advance);
    }

    /** Fails every call the closed connection will never answer. */
    public void onClosed(ChargePointConnection connection, Collection<OutboundCall> unanswered) {
        for (OutboundCall call : unanswered) {
            metrics.outbound(call.action(), "connection-lost");
            call.answer().completeExceptionally(new ConnectionLost(connection.chargePointId(), call.action()));
        }
    }

    private void transmit(ChargePointConnection connection, OutboundCall call) {
        call.timeout(scheduler.schedule(() -> expire(connection, call), timeout.toMillis(), TimeUnit.MILLISECONDS));
        connection.send(OcppFrames.call(call.messageId(), call.action(), call.payload()));
    }

    private void expire(ChargePointConnection connection, OutboundCall call) {
        Advance advance = connection.completeOutstanding(call.messageId());
        if (advance == null) {
            return;
        }
        metrics.outbound(call.action(), "timeout");
        call.answer().completeExceptionally(new CallTimedOut(connection.chargePointId(), call.action(), timeout));
        sendNext(connection, advance);
    }

    private void sendNext(ChargePointConnection connection, Advance advance) {
        if (advance.next() != null) {
            transmit(connection, advance.next());
        }
    }
}
