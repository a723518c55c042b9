package io.chargeledger.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Projection lag, event stored -> read model updated, measured from the outside: {@code GET /api/admin/projections}
 * is sampled every few milliseconds during the load. Each sample gives the store's head (newest stored global
 * index) and every streaming processor's position (global index its read model has committed). An event that
 * first shows up as the head in sample i is in the read model at the first sample j with position >= that index:
 * its lag is t(j) - t(i). Sample times are the midpoints of the requests, so each lag is exact within about one
 * sampling interval (reported beside it); heads are sampled uniformly in time, not per event.
 */
final class ProjectionLagProbe implements AutoCloseable {

    /** One poll: midpoint time and, per processor, {head, position}. */
    record Sample(long nanos, Map<String, long[]> processors) {
    }

    /** Lag of one processor in milliseconds over the sampled heads. */
    record LagStats(String processor, int heads, int unresolved, double p50, double p90, double p99, double max,
                    long maxEventsBehind, double p99EventsBehind) {
    }

    private final AdminClient admin;
    private final Duration interval;
    private final List<Sample> samples = new ArrayList<>();
    private volatile boolean running = true;
    private volatile long windowEndNanos = Long.MAX_VALUE;
    private final Thread thread;
    private volatile String lastError;
    private int failures;

    ProjectionLagProbe(AdminClient admin, Duration interval) {
        this.admin = admin;
        this.interval = interval;
        this.thread = new Thread(this::loop, "projection-lag-probe");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void loop() {
        while (running) {
            long t0 = System.nanoTime();
            try {
                AdminClient.Answer a = admin.get("/api/admin/projections", Duration.ofSeconds(10));
                long t1 = System.nanoTime();
                if (a.ok()) {
                    Sample s = parse((t0 + t1) / 2, a.json());
                    synchronized (samples) {
                        samples.add(s);
                    }
                } else {
                    failures++;
                    lastError = "HTTP " + a.status();
                }
            } catch (RuntimeException e) {
                failures++;
                lastError = e.toString();
            }
            long sleep = interval.toNanos() - (System.nanoTime() - t0);
            if (sleep > 0) {
                try {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    static Sample parse(long nanos, JsonNode statuses) {
        Map<String, long[]> p = new TreeMap<>();
        for (JsonNode s : statuses) {
            if (s.path("position").isNumber() && s.path("head").isNumber()) {
                p.put(s.path("name").asText(), new long[]{s.path("head").asLong(), s.path("position").asLong()});
            }
        }
        return new Sample(nanos, p);
    }

    /** Heads stored after now are not measured any more; sampling goes on until every processor caught up. */
    void endWindow(Duration maxCatchUp) throws InterruptedException {
        windowEndNanos = System.nanoTime();
        long deadline = windowEndNanos + maxCatchUp.toNanos();
        while (System.nanoTime() < deadline) {
            Sample last;
            synchronized (samples) {
                last = samples.isEmpty() ? null : samples.get(samples.size() - 1);
            }
            if (last != null && last.nanos() > windowEndNanos && caughtUp(last)) {
                break;
            }
            Thread.sleep(50);
        }
        close();
    }

    private boolean caughtUp(Sample s) {
        long maxHead = 0;
        synchronized (samples) {
            for (Sample x : samples) {
                if (x.nanos() <= windowEndNanos) {
                    for (long[] hp : x.processors().values()) {
                        maxHead = Math.max(maxHead, hp[0]);
                    }
                }
            }
        }
        for (long[] hp : s.processors().values()) {
            if (hp[1] < maxHead) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    int failures() {
        return failures;
    }

    String lastError() {
        return lastError;
    }

    /** Median time between samples in the window, in milliseconds (the resolution of every lag). */
    double medianIntervalMillis() {
        List<Sample> s = samples().stream().filter(x -> x.nanos() <= windowEndNanos).toList();
        if (s.size() < 2) {
            return Double.NaN;
        }
        double[] d = new double[s.size() - 1];
        for (int i = 1; i < s.size(); i++) {
            d[i - 1] = (s.get(i).nanos() - s.get(i - 1).nanos()) / 1e6;
        }
        Arrays.sort(d);
        return d[d.length / 2];
    }

    Map<String, LagStats> compute() {
        return compute(samples(), windowEndNanos);
    }

    /** Lag per processor over the heads first seen up to {@code windowEnd}. */
    static Map<String, LagStats> compute(List<Sample> samples, long windowEnd) {
        Map<String, LagStats> out = new LinkedHashMap<>();
        java.util.Set<String> names = new java.util.TreeSet<>();
        samples.forEach(s -> names.addAll(s.processors().keySet()));
        for (String name : names) {
            List<Double> lags = new ArrayList<>();
            List<Long> behind = new ArrayList<>();
            int unresolved = 0;
            long lastHead = -1;
            int heads = 0;
            for (int i = 0; i < samples.size(); i++) {
                Sample si = samples.get(i);
                long[] hp = si.processors().get(name);
                if (hp == null || si.nanos() > windowEnd) {
                    continue;
                }
                behind.add(Math.max(0, hp[0] - hp[1]));
                long head = hp[0];
                if (head <= lastHead) {
                    continue;
                }
                boolean first = lastHead < 0;
                lastHead = head;
                if (first) {
                    continue;                 // stored before the window opened: when is unknown
                }
                heads++;
                Double lag = null;
                for (int j = i; j < samples.size(); j++) {
                    long[] pj = samples.get(j).processors().get(name);
                    if (pj != null && pj[1] >= head) {
                        lag = (samples.get(j).nanos() - si.nanos()) / 1e6;
                        break;
                    }
                }
                if (lag == null) {
                    unresolved++;
                } else {
                    lags.add(lag);
                }
            }
            double[] l = lags.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            long[] b = behind.stream().mapToLong(Long::longValue).sorted().toArray();
            out.put(name, new LagStats(name, heads, unresolved, rank(l, 50), rank(l, 90), rank(l, 99),
                    l.length == 0 ? Double.NaN : l[l.length - 1], b.length == 0 ? 0 : b[b.length - 1],
                    b.length == 0 ? 0 : b[Math.max(0, (int) Math.ceil(0.99 * b.length) - 1)]));
        }
        return out;
    }

    /** Nearest-rank percentile of sorted values; NaN when empty. */
    static double rank(double[] sorted, double percentile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int r = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, r) - 1)];
    }
}
