package io.chargeledger.simulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Process-wide counters shared by all simulated charge points (thread-safe, lock-free). */
final class Stats {

    final LongAdder callsSent = new LongAdder();
    final LongAdder callResults = new LongAdder();
    final LongAdder callErrors = new LongAdder();
    final LongAdder incomingCalls = new LongAdder();
    final LongAdder connects = new LongAdder();
    final LongAdder bootsAccepted = new LongAdder();
    final LongAdder sessionsStarted = new LongAdder();
    final LongAdder sessionsCompleted = new LongAdder();
    final LongAdder droppedMessages = new LongAdder();
    final AtomicInteger connected = new AtomicInteger();
    final AtomicInteger peakConnected = new AtomicInteger();
    final AtomicInteger activeSessions = new AtomicInteger();

    private final ConcurrentHashMap<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> rejections = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> sentByAction = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> incomingByAction = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LatencyHistogram> latency = new ConcurrentHashMap<>();

    void callSent(String action) {
        callsSent.increment();
        sentByAction.computeIfAbsent(action, a -> new LongAdder()).increment();
    }

    void callResult(String action, long micros) {
        callResults.increment();
        latency.computeIfAbsent(action, a -> new LatencyHistogram()).recordMicros(micros);
    }

    void error(String kind) {
        errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    void rejection(String kind) {
        rejections.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    void incoming(String action) {
        incomingCalls.increment();
        incomingByAction.computeIfAbsent(action, a -> new LongAdder()).increment();
    }

    void onConnected() {
        connects.increment();
        int now = connected.incrementAndGet();
        peakConnected.accumulateAndGet(now, Math::max);
    }

    void onDisconnected() {
        connected.decrementAndGet();
    }

    long totalErrors() {
        long n = 0;
        for (LongAdder a : errors.values()) {
            n += a.sum();
        }
        return n;
    }

    Map<String, Long> errors() {
        return snapshot(errors);
    }

    Map<String, Long> rejections() {
        return snapshot(rejections);
    }

    Map<String, Long> sentByAction() {
        return snapshot(sentByAction);
    }

    Map<String, Long> incomingByAction() {
        return snapshot(incomingByAction);
    }

    Map<String, Summary.Latency> latency() {
        Map<String, Summary.Latency> out = new TreeMap<>();
        latency.forEach((k, v) -> out.put(k, v.summary()));
        return out;
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> map) {
        Map<String, Long> out = new TreeMap<>();
        map.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
