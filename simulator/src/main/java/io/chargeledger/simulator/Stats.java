package io.chargeledger.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.atomic.LongAdder;

/**
 * Process-wide counters shared by all simulated charge points (thread-safe). Recording is lock-free except that
 * a call, result or error is counted under a shared lock, so that a reset of the measurement sees it either
 * entirely before or entirely after: totals and per-window counts always add up.
 */
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
    /** Open loop: sends the pacer offered, sends skipped because the charger still waited for an answer, and
     *  sends skipped because no charger was connected and booted. */
    final LongAdder offered = new LongAdder();
    final LongAdder backlog = new LongAdder();
    final LongAdder notReady = new LongAdder();

    /** Start of the measurement (launch, or the last {@link #resetMeasurements}); windows count from here. */
    private volatile long measureStartNanos = System.nanoTime();
    private final long windowNanos;
    private final ConcurrentHashMap<Long, LongAdder> sentByWindow = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, LongAdder> resultsByWindow = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, LongAdder> errorsByWindow = new ConcurrentHashMap<>();

    Stats() {
        this(10_000_000_000L);
    }

    Stats(long windowNanos) {
        this.windowNanos = windowNanos;
    }

    private final ConcurrentHashMap<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> rejections = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> sentByAction = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> incomingByAction = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LatencyHistogram> latency = new ConcurrentHashMap<>();
    private volatile LatencyHistogram allLatency = new LatencyHistogram();

    private final ReentrantReadWriteLock measurement = new ReentrantReadWriteLock();

    void callSent(String action) {
        measurement.readLock().lock();
        try {
            callsSent.increment();
            sentByAction.computeIfAbsent(action, a -> new LongAdder()).increment();
            window(sentByWindow);
        } finally {
            measurement.readLock().unlock();
        }
    }

    void callResult(String action, long micros) {
        measurement.readLock().lock();
        try {
            callResults.increment();
            latency.computeIfAbsent(action, a -> new LatencyHistogram()).recordMicros(micros);
            allLatency.recordMicros(micros);
            window(resultsByWindow);
        } finally {
            measurement.readLock().unlock();
        }
    }

    void error(String kind) {
        measurement.readLock().lock();
        try {
            errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
            window(errorsByWindow);
        } finally {
            measurement.readLock().unlock();
        }
    }

    private void window(ConcurrentHashMap<Long, LongAdder> byWindow) {
        long index = Math.max(0, (System.nanoTime() - measureStartNanos) / windowNanos);
        byWindow.computeIfAbsent(index, i -> new LongAdder()).increment();
    }

    long measureStartNanos() {
        return measureStartNanos;
    }

    long windowNanos() {
        return windowNanos;
    }

    /**
     * Starts a new measurement: call, error, latency, session and open-loop counters and the windows start
     * from zero now. Connection state (connected, peak) is kept. Counts racing with the reset may land on
     * either side of it.
     */
    void resetMeasurements() {
        measurement.writeLock().lock();
        try {
            reset();
        } finally {
            measurement.writeLock().unlock();
        }
    }

    private void reset() {
        measureStartNanos = System.nanoTime();
        for (LongAdder a : List.of(callsSent, callResults, callErrors, incomingCalls, connects, bootsAccepted,
                sessionsStarted, sessionsCompleted, droppedMessages, offered, backlog, notReady)) {
            a.reset();
        }
        peakConnected.set(connected.get());
        errors.clear();
        rejections.clear();
        sentByAction.clear();
        incomingByAction.clear();
        latency.clear();
        allLatency = new LatencyHistogram();
        sentByWindow.clear();
        resultsByWindow.clear();
        errorsByWindow.clear();
    }

    /** Throughput windows from the measurement start up to {@code endNanos} (the last one may be partial). */
    List<Summary.Window> windows(long endNanos) {
        List<Summary.Window> out = new ArrayList<>();
        long span = Math.max(0, endNanos - measureStartNanos);
        long full = span / windowNanos;
        long count = full + (span % windowNanos > 0 ? 1 : 0);
        for (long i = 0; i < count; i++) {
            boolean complete = i < full;
            double seconds = complete ? windowNanos / 1e9 : (span - i * windowNanos) / 1e9;
            long sent = sum(sentByWindow, i);
            out.add(new Summary.Window((int) i, round(i * windowNanos / 1e9), round(seconds), sent,
                    sum(resultsByWindow, i), sum(errorsByWindow, i), round(seconds > 0 ? sent / seconds : 0), complete));
        }
        return out;
    }

    private static long sum(Map<Long, LongAdder> byWindow, long index) {
        LongAdder a = byWindow.get(index);
        return a == null ? 0 : a.sum();
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
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

    /** Latency over every action together. */
    Summary.Latency overallLatency() {
        return allLatency.summary();
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
