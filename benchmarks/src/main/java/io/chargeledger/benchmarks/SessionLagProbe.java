package io.chargeledger.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.chargeledger.simulator.CallListener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Projection lag end to end, for the session read model: when a simulated charger's StopTransaction is answered
 * (the server answers only after the event is stored), one prober polls {@code GET /api/sessions?chargePointId=...}
 * until that transaction shows {@code STOPPED}; lag = seen - answered. One probe at a time (a new one starts with
 * the next StopTransaction answered after the previous probe ended), so the polling itself adds little load.
 */
final class SessionLagProbe implements CallListener, AutoCloseable {

    private final AdminClient admin;
    private final Duration pollInterval;
    private final ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "session-lag-probe");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicInteger unresolved = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private final List<Double> lags = new ArrayList<>();
    private volatile boolean open;

    SessionLagProbe(AdminClient admin, Duration pollInterval) {
        this.admin = admin;
        this.pollInterval = pollInterval;
    }

    @Override
    public void onResult(String chargePointId, String action, JsonNode request, JsonNode result, long latencyMicros) {
        if (!open || !action.equals("StopTransaction") || !request.path("transactionId").isInt()
                || !busy.compareAndSet(false, true)) {
            return;
        }
        long answered = System.nanoTime();
        int tx = request.path("transactionId").asInt();
        try {
            pool.execute(() -> {
                try {
                    probe(chargePointId, tx, answered);
                } finally {
                    busy.set(false);
                }
            });
        } catch (RuntimeException closed) {
            busy.set(false);
        }
    }

    private void probe(String chargePointId, int tx, long answered) {
        long deadline = answered + Duration.ofSeconds(30).toNanos();
        String path = "/api/sessions?chargePointId=" + AdminClient.encode(chargePointId) + "&size=5";
        while (System.nanoTime() < deadline) {
            try {
                AdminClient.Answer a = admin.get(path, Duration.ofSeconds(10));
                long seen = System.nanoTime();
                if (a.ok()) {
                    for (JsonNode s : a.json().path("content")) {
                        if (s.path("transactionId").asInt(-1) == tx && "STOPPED".equals(s.path("status").asText())) {
                            synchronized (lags) {
                                lags.add((seen - answered) / 1e6);
                            }
                            return;
                        }
                    }
                } else {
                    failures.incrementAndGet();
                }
                Thread.sleep(pollInterval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                failures.incrementAndGet();
            }
        }
        unresolved.incrementAndGet();
    }

    /** Starts probing (the StopTransactions answered before are ignored). */
    void start() {
        open = true;
    }

    /** Stops taking new probes and waits for the running one. */
    @Override
    public void close() {
        open = false;
        pool.shutdown();
        try {
            pool.awaitTermination(35, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    double[] sortedLags() {
        synchronized (lags) {
            return lags.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        }
    }

    int unresolved() {
        return unresolved.get();
    }

    int failures() {
        return failures.get();
    }
}
