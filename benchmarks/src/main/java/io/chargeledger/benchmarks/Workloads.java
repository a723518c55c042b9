package io.chargeledger.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chargeledger.simulator.Scenario;
import io.chargeledger.simulator.Simulator;
import io.chargeledger.simulator.SimulatorConfig;
import io.chargeledger.simulator.Summary;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.chargeledger.benchmarks.Figure.Target.atLeast;
import static io.chargeledger.benchmarks.Figure.Target.atMost;

/** The workloads: each registers what it needs, runs the simulator in-process, stops by itself and adds figures. */
final class Workloads {

    static final String PREFIX = "CP";
    static final String TAG_PREFIX = "TAG";
    static final String AUDIT_PREFIX = "AUDIT";

    static final String S_MACHINE = "Machine speed (no target: tells a slower machine from slower code)";
    static final String S_START = "Cold start and storage (issue 6 g)";
    static final String S_BSH = "Boot + StatusNotification + Heartbeat, closed loop (issue 3)";
    static final String S_LOAD = "Closed-loop full session mix (issue 6 a)";
    static final String S_LAG = "Projection lag under load a (issue 6 d)";
    static final String S_OPEN = "Open loop (issue 6 b)";
    static final String S_PUSH = "Push to the live console (issue 5)";
    static final String S_CONN = "Connections held by one node, -Xmx1g, heartbeat 30 s (issue 3, issue 6 c)";
    static final String S_REPLAY = "Replay (issue 6 e)";
    static final String S_AUDIT = "Audit (issue 6 f)";
    static final String S_SERVER = "Server resources over the whole run";

    private static final List<String> MIX = List.of("Authorize", "StartTransaction", "MeterValues", "StopTransaction",
            "StatusNotification", "Heartbeat");

    private final BenchmarkOptions opt;
    private final ServerProcess server;
    private final AdminClient admin;
    private final Report report;
    private final String chargerKey;
    private int chargersUpTo;
    private int tagsUpTo;
    private boolean auditChargerRegistered;

    Workloads(BenchmarkOptions opt, ServerProcess server, AdminClient admin, Report report, String chargerKey) {
        this.opt = opt;
        this.server = server;
        this.admin = admin;
        this.report = report;
        this.chargerKey = chargerKey;
    }

    // ================================================================ placeholders (workloads not run)

    /** Headline figures of every workload, "not measured by this run" until the workload replaces them. */
    static void placeholders(Report r, BenchmarkOptions opt, String why) {
        r.add(Figure.notMeasured("start.events_per_session", S_START, "events in one session's stream (audit endpoint)",
                "events", why));
        r.add(Figure.notMeasured("start.events_stored_per_session", S_START,
                "events stored per completed session (all events during load a / sessions)", "events", why));
        for (int n : opt.chargerCounts) {
            r.add(Figure.notMeasured("bsh." + n + ".calls_per_s", S_BSH, n + " chargers: messages/s", "msg/s", why));
            r.add(Figure.notMeasured("bsh." + n + ".p50_ms", S_BSH, n + " chargers: p50 latency", "ms", why));
            r.add(Figure.notMeasured("bsh." + n + ".p99_ms", S_BSH, n + " chargers: p99 latency", "ms", why));
        }
        for (int n : opt.chargerCounts) {
            r.add(Figure.notMeasured("load." + n + ".calls_per_s", S_LOAD, n + " chargers: calls/s", "calls/s", why,
                    loadTargets(n)));
            r.add(Figure.notMeasured("load." + n + ".errors", S_LOAD, n + " chargers: errors", "", why, errorTargets(n)));
            r.add(Figure.notMeasured("load." + n + ".last_vs_first_pct", S_LOAD,
                    n + " chargers: last 10 s window / first 10 s window", "%", why, slowdownTargets(n)));
        }
        r.add(Figure.notMeasured("lag.worst.p99_ms", S_LAG, "p99 lag, slowest projection", "ms", why,
                atMost("issue 6 d", 200)));
        r.add(Figure.notMeasured("open.p99_ms", S_OPEN, "p99 latency, all actions, at " + Figure.format(opt.rate)
                + " calls/s offered", "ms", why, atMost("issue 6 b", 20)));
        r.add(Figure.notMeasured("push.p99_ms", S_PUSH, "StatusNotification stored -> connector message on /ws/updates, "
                + "p99", "ms", why, atMost("issue 5", 1000)));
        r.add(Figure.notMeasured("conn.held", S_CONN, "chargers connected through the whole hold", "chargers", why,
                atLeast("issue 3", 10_000), atLeast("issue 6 c", 20_000)));
        r.add(Figure.notMeasured("conn.rss_max_mib", S_CONN, "server RSS, max during the hold", "MiB", why,
                atMost("issue 6 c", 1024)));
        r.add(Figure.notMeasured("replay.events_per_s", S_REPLAY, "replay rate, all projections", "events/s", why,
                atLeast("issue 6 e", 50_000)));
        r.add(Figure.notMeasured("audit.stream_s", S_AUDIT, "audit stream (jsonl export) of one charger", "s", why,
                atMost("issue 6 f", 1)));
        r.add(Figure.notMeasured("audit.state_at_s", S_AUDIT, "state-at-time of that charger", "s", why,
                atMost("issue 6 f", 1)));
    }

    private static Figure.Target[] loadTargets(int n) {
        return n == 500 ? new Figure.Target[]{atLeast("issue 6 a", 6500)} : new Figure.Target[0];
    }

    private static Figure.Target[] errorTargets(int n) {
        return n == 500 ? new Figure.Target[]{atMost("issue 6 a", 0)} : new Figure.Target[0];
    }

    private static Figure.Target[] slowdownTargets(int n) {
        return n == 500 ? new Figure.Target[]{atLeast("issue 6 a", 90)} : new Figure.Target[0];
    }

    // ================================================================ registration

    private ObjectNode chargerBody(String id) {
        ObjectNode b = AdminClient.JSON.createObjectNode();
        b.put("chargePointId", id);
        b.put("serialNumber", "SN-" + id);
        b.put("vendor", "ChargeLedger");
        b.put("model", "Simulator");
        b.put("ratedVolts", 230);
        b.put("ratedAmps", 32);
        b.put("connectorCount", 1);
        b.put("securityProfile", 1);
        b.put("authorizationKey", chargerKey);
        b.put("targetGroup", "benchmark");
        ObjectNode pricing = b.putObject("pricing");
        pricing.put("pricePerKwh", 0.30);
        pricing.put("currency", "EUR");
        pricing.put("sessionFee", 1.00);
        return b;
    }

    /** Registers CP-00001..CP-upTo (those not registered by this run yet), 8 in parallel. */
    AdminClient.Registration ensureChargers(int upTo) {
        if (upTo <= chargersUpTo) {
            return null;
        }
        int from = chargersUpTo + 1;
        int count = upTo - chargersUpTo;
        System.err.printf("registering chargers %s-%05d..%s-%05d%n", PREFIX, from, PREFIX, upTo);
        AdminClient.Registration r = admin.registerAll("/api/chargers", count, opt.registerThreads,
                i -> chargerBody(String.format("%s-%05d", PREFIX, from + i)));
        report.details("Registration").append(String.format(Locale.ROOT,
                "- chargers %s-%05d..%s-%05d (security profile 1, one shared authorizationKey): %d created, %d existed, "
                        + "%d failed in %.1f s (%.0f/s, %d threads)%s%n", PREFIX, from, PREFIX, upTo, r.created(),
                r.existing(), r.failed(), r.seconds(), count / r.seconds(), opt.registerThreads,
                r.failures().isEmpty() ? "" : "; failures e.g. " + r.failures()));
        if (r.failed() > 0) {
            throw new IllegalStateException(r.failed() + " charger registrations failed, e.g. " + r.failures());
        }
        chargersUpTo = upTo;
        return r;
    }

    void ensureTags(int upTo) {
        if (upTo <= tagsUpTo) {
            return;
        }
        int from = tagsUpTo + 1;
        int count = upTo - tagsUpTo;
        System.err.printf("registering id tags %s-%05d..%s-%05d%n", TAG_PREFIX, from, TAG_PREFIX, upTo);
        AdminClient.Registration r = admin.registerAll("/api/id-tags", count, opt.registerThreads, i -> {
            ObjectNode b = AdminClient.JSON.createObjectNode();
            b.put("idTag", String.format("%s-%05d", TAG_PREFIX, from + i));
            b.put("status", "Accepted");
            return b;
        });
        report.details("Registration").append(String.format(Locale.ROOT,
                "- id tags %s-%05d..%s-%05d (Accepted): %d created, %d existed, %d failed in %.1f s%s%n", TAG_PREFIX, from,
                TAG_PREFIX, upTo, r.created(), r.existing(), r.failed(), r.seconds(),
                r.failures().isEmpty() ? "" : "; failures e.g. " + r.failures()));
        if (r.failed() > 0) {
            throw new IllegalStateException(r.failed() + " id tag registrations failed, e.g. " + r.failures());
        }
        tagsUpTo = upTo;
    }

    // ================================================================ server helpers

    /** Newest stored global index, from GET /api/admin/projections; null without that endpoint. */
    Long head() {
        try {
            AdminClient.Answer a = admin.get("/api/admin/projections", Duration.ofSeconds(30));
            if (!a.ok()) {
                return null;
            }
            for (JsonNode p : a.json()) {
                if (p.path("head").isNumber()) {
                    return p.path("head").asLong();
                }
            }
            return 0L;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Waits until the server's OCPP connections gauge shows 0 (chargers disconnected), at most {@code max}. */
    void awaitServerDisconnected(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        Double c = null;
        while (System.nanoTime() < deadline) {
            try {
                c = admin.metric("ocpp.connections", null);
            } catch (RuntimeException e) {
                c = null;
            }
            if (c == null || c == 0) {
                return;
            }
            Thread.sleep(500);
        }
        report.note("the server still counted " + Figure.format(c) + " OCPP connections " + max.toSeconds()
                + " s after the simulator closed them");
    }

    private SimulatorConfig.Builder simulator(String prefix, Scenario scenario, int chargers) {
        return SimulatorConfig.builder(server.ocppUrl())
                .chargers(chargers)
                .idPrefix(prefix)
                .idTagPrefix(TAG_PREFIX)
                .password(chargerKey)
                .scenario(scenario)
                .rampPerSecond(opt.ramp)
                .callTimeout(Duration.ofSeconds(30))
                .connectTimeout(Duration.ofSeconds(30))
                .seed(7);
    }

    private static void awaitBooted(Simulator sim, int chargers, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        long lastPrint = System.nanoTime();
        while (sim.acceptedCount() < chargers) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + sim.acceptedCount() + " of " + chargers
                        + " chargers booted within " + max.toSeconds() + " s; errors " + sim.stats().errors());
            }
            if (System.nanoTime() - lastPrint > 10_000_000_000L) {
                lastPrint = System.nanoTime();
                System.err.printf("  booted %d/%d, connected %d%n", sim.acceptedCount(), chargers, sim.connectedCount());
            }
            Thread.sleep(100);
        }
    }

    /** Measures for opt.duration, printing progress every 10 s; answers the snapshot taken at its end. */
    private Summary measure(Simulator sim, Duration duration) throws InterruptedException {
        sim.resetMeasurements();
        long end = System.nanoTime() + duration.toNanos();
        long lastCalls = 0;
        double lastElapsed = 0;
        while (true) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                break;
            }
            Thread.sleep(Math.min(10_000, Math.max(1, left / 1_000_000)));
            Summary s = sim.stats();
            System.err.printf(Locale.ROOT, "  [%5.0fs] calls %d (%.0f/s in the last interval), errors %d%s%n",
                    s.elapsedSeconds(), s.callsSent(), (s.callsSent() - lastCalls) / Math.max(1e-3, s.elapsedSeconds()
                            - lastElapsed), s.totalErrors(), s.offeredRate() > 0 ? ", backlog " + s.backlog() : "");
            lastCalls = s.callsSent();
            lastElapsed = s.elapsedSeconds();
        }
        return sim.stats();
    }

    // ================================================================ issue 3: Boot + Status + Heartbeat

    void bootStatusHeartbeat() throws InterruptedException {
        for (int n : opt.chargerCounts) {
            System.err.println("== boot-status-heartbeat, " + n + " chargers, closed loop");
            ensureChargers(n);
            Long headBefore;
            Long headAfter;
            Summary s;
            try (Simulator sim = Simulator.start(simulator(PREFIX, Scenario.CHATTER, n).build())) {
                awaitBooted(sim, n, Duration.ofSeconds(120 + (long) (n / opt.ramp)));
                Thread.sleep(opt.warmup.toMillis());
                headBefore = head();
                s = measure(sim, opt.duration);
                headAfter = head();
            }
            awaitServerDisconnected(Duration.ofSeconds(60));
            Summary.Latency all = s.overallLatency();
            report.add(Figure.of("bsh." + n + ".calls_per_s", S_BSH, n + " chargers: messages/s", "msg/s", s.callsPerSecond()));
            report.add(Figure.of("bsh." + n + ".p50_ms", S_BSH, n + " chargers: p50 latency", "ms", all.p50()));
            report.add(Figure.of("bsh." + n + ".p99_ms", S_BSH, n + " chargers: p99 latency", "ms", all.p99()));
            report.add(Figure.of("bsh." + n + ".errors", S_BSH, n + " chargers: errors", "", (double) s.totalErrors()));
            for (String action : List.of("BootNotification", "StatusNotification", "Heartbeat")) {
                Summary.Latency l = s.latency().get(action);
                if (l != null) {
                    report.add(Figure.of("bsh." + n + "." + action + ".p50_ms", S_BSH, n + " chargers: " + action + " p50",
                            "ms", l.p50()));
                    report.add(Figure.of("bsh." + n + "." + action + ".p99_ms", S_BSH, n + " chargers: " + action + " p99",
                            "ms", l.p99()));
                }
            }
            StringBuilder d = report.details("Boot + StatusNotification + Heartbeat (issue 3) details");
            d.append("#### ").append(n).append(" chargers\n\n");
            d.append("Each charger, once booted, repeats BootNotification, StatusNotification (connector 1, Preparing and ")
                    .append("Available in turn, so every one is a real status change) and Heartbeat, each CALL as soon as ")
                    .append("the previous answer arrived.\n\n");
            describe(d, s, headBefore, headAfter);
        }
    }

    // ================================================================ issue 6 a, d, g: closed-loop session mix

    void load() throws InterruptedException {
        int highest = opt.chargerCounts.stream().mapToInt(Integer::intValue).max().orElse(500);
        ensureChargers(highest);
        ensureTags(highest);
        if (opt.prefillEvents > 0) {
            prefill(highest);
        }
        for (int n : opt.chargerCounts) {
            System.err.println("== load (full session mix), " + n + " chargers, closed loop");
            Long headBefore;
            Long headAfter;
            Summary s;
            Summary probed;
            Map<String, ProjectionLagProbe.LagStats> lag = null;
            double resolution = Double.NaN;
            int probeFailures = 0;
            SessionLagProbe sessionProbe = new SessionLagProbe(admin, Duration.ofMillis(20));
            try (Simulator sim = Simulator.start(simulator(PREFIX, Scenario.LOAD, n).callListener(sessionProbe).build())) {
                awaitBooted(sim, n, Duration.ofSeconds(120 + (long) (n / opt.ramp)));
                Thread.sleep(opt.warmup.toMillis());
                // Throughput first, with nothing but the chargers talking to the server: the lag probes' REST polling
                // (about 80 requests/s) costs the server a share of its CPU, so it is measured after, on the same load.
                headBefore = head();
                s = measure(sim, opt.duration);
                headAfter = head();
                System.err.println("  lag window: the same load with the projection lag probes polling");
                ProjectionLagProbe probe = headAfter == null ? null : new ProjectionLagProbe(admin, opt.lagSample);
                if (probe != null) {
                    probe.start();
                }
                sessionProbe.start();
                probed = measure(sim, opt.duration);
                sessionProbe.close();
                if (probe != null) {
                    probe.endWindow(Duration.ofSeconds(60));
                    lag = probe.compute();
                    resolution = probe.medianIntervalMillis();
                    probeFailures = probe.failures();
                }
            }
            awaitServerDisconnected(Duration.ofSeconds(60));
            report.add(Figure.of("load." + n + ".calls_per_s", S_LOAD, n + " chargers: calls/s", "calls/s",
                    s.callsPerSecond(), loadTargets(n)));
            report.add(Figure.of("load." + n + ".errors", S_LOAD, n + " chargers: errors (both windows)", "",
                    (double) (s.totalErrors() + probed.totalErrors()), errorTargets(n)));
            report.add(Figure.of("load." + n + ".calls_per_s_lag_window", S_LOAD, n + " chargers: calls/s in the lag "
                    + "window (the same load, lag probes polling)", "calls/s", probed.callsPerSecond()));
            report.add(Figure.of("load." + n + ".first_window", S_LOAD, n + " chargers: first 10 s window", "calls/s",
                    s.firstWindowCallsPerSecond()));
            report.add(Figure.of("load." + n + ".last_window", S_LOAD, n + " chargers: last 10 s window", "calls/s",
                    s.lastWindowCallsPerSecond()));
            report.add(Figure.of("load." + n + ".last_vs_first_pct", S_LOAD,
                    n + " chargers: last 10 s window / first 10 s window", "%", s.lastToFirstWindowPercent(),
                    slowdownTargets(n)));
            report.add(Figure.of("load." + n + ".p50_ms", S_LOAD, n + " chargers: p50 latency, all actions", "ms",
                    s.overallLatency().p50()));
            report.add(Figure.of("load." + n + ".p99_ms", S_LOAD, n + " chargers: p99 latency, all actions", "ms",
                    s.overallLatency().p99()));
            report.add(Figure.of("load." + n + ".sessions", S_LOAD, n + " chargers: sessions completed", "sessions",
                    (double) s.sessionsCompleted()));
            report.add(Figure.of("load." + n + ".events_stored_at_start", S_LOAD, n + " chargers: events already stored "
                    + "when the measurement began", "events", headBefore == null ? null : (double) headBefore));
            StringBuilder d = report.details("Closed-loop session mix (issue 6 a) details");
            d.append("#### ").append(n).append(" chargers\n\n");
            d.append("Each charger, once booted, repeats Authorize, StartTransaction, 5 x MeterValues, StopTransaction, ")
                    .append("StatusNotification, Heartbeat, each CALL as soon as the previous answer arrived (its own id ")
                    .append("tag, connector 1).\n\n");
            describe(d, s, headBefore, headAfter);
            d.append(String.format(Locale.ROOT, "- then, on the same load, the projection lag window (issue 6 d, probes "
                            + "polling the REST API): %.1f s, %.1f calls/s, %d errors%n", probed.elapsedSeconds(),
                    probed.callsPerSecond(), probed.totalErrors()));
            if (headBefore != null && headAfter != null && s.sessionsCompleted() > 0) {
                double perSession = (headAfter - headBefore) / (double) s.sessionsCompleted();
                d.append(String.format(Locale.ROOT, "- events stored per completed session (all events stored during the "
                        + "measurement / sessions completed): %.2f%n", perSession));
                if (n == highest) {
                    report.add(Figure.of("start.events_stored_per_session", S_START,
                            "events stored per completed session (all events during load a, " + n + " chargers / sessions)",
                            "events", perSession));
                }
            }
            if (lag != null) {
                lagFigures(n, lag, resolution, probeFailures, n == highest);
            }
            sessionLagFigures(n, sessionProbe, n == highest);
        }
        eventsPerSession();
    }

    /** Closed-loop load until the store holds opt.prefillEvents events (or the prefill time is up). */
    private void prefill(int chargers) throws InterruptedException {
        Fill f = fill(opt.prefillEvents, chargers, "prefill");
        if (f == null || f.seconds() == 0) {
            return;
        }
        report.details("Closed-loop session mix (issue 6 a) details").append(String.format(Locale.ROOT,
                "Prefill: %s%n%n", f.describe(opt.prefillEvents)));
    }

    /** What a fill did: events stored before and after, wall time, chargers, the simulator's summary. */
    record Fill(long before, long after, double seconds, int chargers, Summary summary) {

        long added() {
            return after - before;
        }

        Double eventsPerSecond() {
            return seconds > 0 ? added() / seconds : null;
        }

        String describe(long target) {
            if (seconds == 0) {
                return String.format(Locale.ROOT, "none needed: the store already held %d events (asked: %d).", before,
                        target);
            }
            return String.format(Locale.ROOT, "the load mix (closed loop, %d chargers) ran %.0f s from the simulator's "
                            + "start to its stop: %d CALLs (%.0f/s), %d errors, %d sessions; the store went from %d to %d "
                            + "events (%d added, %.0f events/s; asked: %d).", chargers, seconds, summary.callsSent(),
                    summary.callsPerSecond(), summary.totalErrors(), summary.sessionsCompleted(), before, after, added(),
                    added() / seconds, target);
        }
    }

    /**
     * Events in the store, counted as the report's "events in the store" figure counts them (rows of
     * domain_event_entry over JDBC); the newest global index when that cannot be read; -1 without either.
     */
    long storedEvents() {
        long n = PostgresCheck.count(server.postgresPort(), "domain_event_entry");
        if (n >= 0) {
            return n;
        }
        Long head = head();
        return head == null ? -1 : head;
    }

    /**
     * Generates events through the real OCPP path: the closed-loop session mix on the registered chargers
     * {@code PREFIX-00001..chargers} (and their id tags) until the store holds {@code target} events or
     * {@code opt.prefillMax} is up. Progress is polled cheaply through the store's head (never below the count); the
     * count itself decides. Answers null (with a note) when the events cannot be counted, a fill of 0 s when none was
     * needed.
     */
    Fill fill(long target, int chargers, String what) throws InterruptedException {
        long before = storedEvents();
        if (before < 0) {
            report.note(what + " skipped: the events in the store could not be counted");
            return null;
        }
        if (before >= target) {
            return new Fill(before, before, 0, chargers, null);
        }
        ensureChargers(chargers);
        ensureTags(chargers);
        System.err.println("== " + what + ": load mix with " + chargers + " chargers until " + target
                + " events are stored (now " + before + ")");
        long start = System.nanoTime();
        long deadline = start + opt.prefillMax.toNanos();
        Summary s;
        try (Simulator sim = Simulator.start(simulator(PREFIX, Scenario.LOAD, chargers).build())) {
            long lastPrint = start;
            while (System.nanoTime() < deadline) {
                Thread.sleep(1000);
                Long head = head();
                if (System.nanoTime() - lastPrint > 10_000_000_000L) {
                    lastPrint = System.nanoTime();
                    System.err.printf(Locale.ROOT, "  [%4.0fs] %s: head %s of %d, %.0f calls/s%n",
                            (lastPrint - start) / 1e9, what, head, target, sim.stats().callsPerSecond());
                }
                if ((head == null || head >= target) && storedEvents() >= target) {
                    break;
                }
            }
            s = sim.stop();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long after = storedEvents();
        awaitServerDisconnected(Duration.ofSeconds(60));
        if (after < target) {
            report.note(String.format(Locale.ROOT, "%s: the store held %d events after %.0f s (asked: %d; "
                    + "--prefill-max-seconds %d)", what, after, seconds, target, opt.prefillMax.toSeconds()));
        }
        return new Fill(before, after, seconds, chargers, s);
    }

    private void lagFigures(int n, Map<String, ProjectionLagProbe.LagStats> lag, double resolutionMs, int failures,
                            boolean headline) {
        lagFigures("under the closed-loop session mix, " + n + " chargers", lag, resolutionMs, failures, headline);
        if (headline) {
            report.add(Figure.of("lag.worst.p99_ms", S_LAG, "p99 lag, slowest projection (" + n + " chargers)", "ms",
                    nan(worstP99(lag)), atMost("issue 6 d", 200)).withNote(String.format(Locale.ROOT,
                    "approximated from outside by polling every %d ms (±%.0f ms)", opt.lagSample.toMillis(), resolutionMs)));
            report.add(Figure.of("lag.resolution_ms", S_LAG, "lag measurement resolution (median polling interval)", "ms",
                    nan(resolutionMs)));
        }
    }

    private static double worstP99(Map<String, ProjectionLagProbe.LagStats> lag) {
        double worst = Double.NaN;
        for (ProjectionLagProbe.LagStats l : lag.values()) {
            if (!Double.isNaN(l.p99())) {
                worst = Double.isNaN(worst) ? l.p99() : Math.max(worst, l.p99());
            }
        }
        return worst;
    }

    private void lagFigures(String heading, Map<String, ProjectionLagProbe.LagStats> lag, double resolutionMs, int failures,
                            boolean headline) {
        StringBuilder d = report.details("Projection lag (issue 6 d) details");
        d.append("#### ").append(heading).append("\n\n");
        d.append(String.format(Locale.ROOT, "Method: `GET /api/admin/projections` polled every %d ms during the measurement "
                        + "(median interval %.1f ms, %d failed polls); an event index first seen as the store's head at t1 "
                        + "counts as projected at the first poll t2 where the processor's committed position reached it; "
                        + "lag = t2 - t1 over every distinct head seen. This is an approximation from outside the server: "
                        + "each lag is exact within about one polling interval, and heads are sampled in time, not per event.%n%n",
                opt.lagSample.toMillis(), resolutionMs, failures));
        d.append("| processor | heads sampled | unresolved | p50 ms | p90 ms | p99 ms | max ms | max events behind |\n");
        d.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ProjectionLagProbe.LagStats l : lag.values()) {
            d.append(String.format(Locale.ROOT, "| %s | %d | %d | %.1f | %.1f | %.1f | %.1f | %d |%n", l.processor(),
                    l.heads(), l.unresolved(), l.p50(), l.p90(), l.p99(), l.max(), l.maxEventsBehind()));
            if (headline) {
                report.add(Figure.of("lag." + l.processor() + ".p50_ms", S_LAG, l.processor() + ": p50 lag", "ms",
                        nan(l.p50())));
                report.add(Figure.of("lag." + l.processor() + ".p99_ms", S_LAG, l.processor() + ": p99 lag", "ms",
                        nan(l.p99()), atMost("issue 6 d", 200)));
                report.add(Figure.of("lag." + l.processor() + ".max_ms", S_LAG, l.processor() + ": max lag", "ms",
                        nan(l.max())));
            }
        }
        d.append('\n');
    }

    private void sessionLagFigures(int n, SessionLagProbe probe, boolean headline) {
        double[] l = probe.sortedLags();
        StringBuilder d = report.details("Projection lag (issue 6 d) details");
        d.append(String.format(Locale.ROOT, "End to end for the session read model, %d chargers: after a StopTransaction was "
                        + "answered (the answer follows the stored event), `GET /api/sessions?chargePointId=..` polled every "
                        + "20 ms until that transaction showed STOPPED (one probe at a time, during the whole measurement): "
                        + "%d probes, %d unresolved after 30 s, %d failed requests; p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, "
                        + "max %.1f ms.%n%n", n, l.length, probe.unresolved(), probe.failures(),
                ProjectionLagProbe.rank(l, 50), ProjectionLagProbe.rank(l, 90), ProjectionLagProbe.rank(l, 99),
                l.length == 0 ? Double.NaN : l[l.length - 1]));
        if (headline) {
            report.add(Figure.of("lag.session_e2e.p50_ms", S_LAG, "session-view end to end (StopTransaction answered -> "
                    + "GET /api/sessions shows it), p50", "ms", nan(ProjectionLagProbe.rank(l, 50))));
            report.add(Figure.of("lag.session_e2e.p99_ms", S_LAG, "session-view end to end, p99 (" + l.length + " probes)",
                    "ms", nan(ProjectionLagProbe.rank(l, 99)), atMost("issue 6 d", 200)));
            report.add(Figure.of("lag.session_e2e.max_ms", S_LAG, "session-view end to end, max", "ms",
                    l.length == 0 ? null : l[l.length - 1]));
        }
    }

    private static Double nan(double v) {
        return Double.isNaN(v) ? null : v;
    }

    /**
     * Length of one completed session's event stream, from the audit endpoint. The session is the middle one of all
     * stopped sessions: the newest were stopped when the simulator shut down, some before any meter values.
     */
    private void eventsPerSession() {
        try {
            AdminClient.Answer newest = admin.get("/api/sessions?status=STOPPED&size=1");
            long stopped = newest.ok() ? newest.json().path("totalElements").asLong() : 0;
            AdminClient.Answer page = stopped > 1 ? admin.get("/api/sessions?status=STOPPED&size=1&page=" + stopped / 2)
                    : newest;
            if (!page.ok() || page.json().path("content").isEmpty()) {
                report.add(Figure.notMeasured("start.events_per_session", S_START, "events in one session's stream",
                        "events", "no stopped session found (GET /api/sessions answered " + page.status() + ")"));
                return;
            }
            JsonNode session = page.json().path("content").get(0);
            String id = session.path("sessionId").asText();
            AdminClient.Answer events = admin.get("/api/audit/sessions/" + AdminClient.encode(id) + "/events?size=1000");
            if (!events.ok()) {
                report.add(Figure.notMeasured("start.events_per_session", S_START, "events in one session's stream",
                        "events", "audit endpoint answered " + events.status()));
                return;
            }
            long total = events.json().path("totalElements").asLong();
            List<String> types = new ArrayList<>();
            for (JsonNode e : events.json().path("content")) {
                types.add(e.path("type").asText());
            }
            Map<String, Integer> byType = new LinkedHashMap<>();
            types.forEach(t -> byType.merge(t, 1, Integer::sum));
            report.add(Figure.of("start.events_per_session", S_START,
                    "events in one session's stream (audit endpoint, the middle one of the stopped sessions)", "events",
                    (double) total));
            report.details("Closed-loop session mix (issue 6 a) details").append(String.format(Locale.ROOT,
                    "Events of one completed session (%s, %s): %d, by type %s%n%n", id,
                    session.path("chargePointId").asText(), total, byType));
        } catch (RuntimeException e) {
            report.add(Figure.notMeasured("start.events_per_session", S_START, "events in one session's stream", "events",
                    "failed: " + e.getMessage()));
        }
    }

    // ================================================================ issue 6 b: open loop

    void openLoop() throws InterruptedException {
        int n = opt.openLoopChargers;
        System.err.println("== open loop, " + Figure.format(opt.rate) + " calls/s over " + n + " chargers");
        ensureChargers(n);
        ensureTags(n);
        Long headBefore;
        Long headAfter;
        Summary s;
        // projection lag at a rate the node sustains (under the saturating closed loop it measures the backlog), from
        // caught-up processors: not the backlog an earlier workload left
        awaitCaughtUpBeforeMeasuring("Open loop (issue 6 b) details");
        Map<String, ProjectionLagProbe.LagStats> lag = null;
        ProjectionLagProbe probe = null;
        try (Simulator sim = Simulator.start(simulator(PREFIX, Scenario.LOAD, n).rate(opt.rate).build())) {
            awaitBooted(sim, n, Duration.ofSeconds(120 + (long) (n / opt.ramp)));
            Thread.sleep(opt.warmup.toMillis());
            headBefore = head();
            if (headBefore != null) {
                probe = new ProjectionLagProbe(admin, opt.lagSample);
                probe.start();
            }
            s = measure(sim, opt.duration);
            headAfter = head();
            if (probe != null) {
                probe.endWindow(Duration.ofSeconds(60));
                lag = probe.compute();
            }
        }
        awaitServerDisconnected(Duration.ofSeconds(60));
        String at = " at " + Figure.format(opt.rate) + " calls/s offered";
        if (lag != null) {
            lagFigures("under the open loop at " + Figure.format(opt.rate) + " calls/s offered, " + n + " chargers", lag,
                    probe.medianIntervalMillis(), probe.failures(), false);
            report.add(Figure.of("open.lag.worst.p99_ms", S_OPEN, "p99 projection lag, slowest projection" + at, "ms",
                    nan(worstP99(lag))).withNote(String.format(Locale.ROOT, "polled every %d ms (±%.0f ms)",
                    opt.lagSample.toMillis(), probe.medianIntervalMillis())));
        }
        Summary.Latency all = s.overallLatency();
        report.add(Figure.of("open.achieved_calls_per_s", S_OPEN, "calls/s achieved" + at, "calls/s", s.callsPerSecond()));
        report.add(Figure.of("open.backlog", S_OPEN, "sends skipped: charger still waiting (backlog)", "", (double) s.backlog()));
        report.add(Figure.of("open.errors", S_OPEN, "errors", "", (double) s.totalErrors()));
        report.add(Figure.of("open.p50_ms", S_OPEN, "p50 latency, all actions" + at, "ms", all.p50()));
        report.add(Figure.of("open.p90_ms", S_OPEN, "p90 latency, all actions" + at, "ms", all.p90()));
        report.add(Figure.of("open.p99_ms", S_OPEN, "p99 latency, all actions" + at, "ms", all.p99(), atMost("issue 6 b", 20)));
        report.add(Figure.of("open.max_ms", S_OPEN, "max latency, all actions" + at, "ms", all.max()));
        for (String action : MIX) {
            Summary.Latency l = s.latency().get(action);
            if (l == null) {
                continue;
            }
            for (String[] p : new String[][]{{"p50", "" + l.p50()}, {"p90", "" + l.p90()}, {"p99", "" + l.p99()},
                    {"max", "" + l.max()}}) {
                report.add(Figure.of("open." + action + "." + p[0] + "_ms", S_OPEN, action + " " + p[0], "ms",
                        Double.parseDouble(p[1])));
            }
        }
        StringBuilder d = report.details("Open loop (issue 6 b) details");
        d.append(String.format(Locale.ROOT, "%s calls/s offered by one pacer (1 ms ticks), spread round-robin over %d chargers, "
                + "the full session mix; a charger still waiting for its previous answer skips its turn (backlog) so that "
                + "no charger ever has two CALLs outstanding. Latency = CALL sent -> CALLRESULT received.%n%n",
                Figure.format(opt.rate), n));
        describe(d, s, headBefore, headAfter);
    }

    // ================================================================ issue 5: push to the live console

    /** Waits (up to 10 min) for the event processors to reach the store's head and says how long that took. */
    private void awaitCaughtUpBeforeMeasuring(String detailsSection) throws InterruptedException {
        long waitStart = System.nanoTime();
        boolean caughtUp = awaitProjectionsCaughtUp(Duration.ofSeconds(600));
        report.details(detailsSection).append(String.format(Locale.ROOT,
                "Before the measurement the event processors %s %.1f s (an earlier workload may leave a backlog).%n%n",
                caughtUp ? "caught up with the store's head in" : "had NOT caught up with the store's head after",
                (System.nanoTime() - waitStart) / 1e9));
    }

    void push() throws InterruptedException {
        int n = opt.pushChargers;
        double rate = opt.pushRate;
        System.err.println("== push: " + Figure.format(rate) + " status changes/s over " + n
                + " chargers, one live subscriber on /ws/updates");
        ensureChargers(n);
        // pushes follow the read model: measure the push path itself, not the backlog an earlier workload left
        awaitCaughtUpBeforeMeasuring("Push to the live console (issue 5) details");
        String token = admin.newAccessToken();
        if (token == null) {
            pushNotMeasured("the server gave no access token (POST /api/auth/token), which /ws/updates needs");
            return;
        }
        LivePushProbe probe;
        try {
            probe = LivePushProbe.connect(admin.base(), token, Duration.ofSeconds(30));
        } catch (java.io.IOException e) {
            pushNotMeasured("could not subscribe to /ws/updates: " + e.getMessage());
            return;
        }
        Long headBefore;
        Long headAfter;
        Summary s;
        LivePushProbe.Result r;
        JsonNode welcome = probe.welcome();
        try (probe) {
            // the chatter mix at an open-loop rate: BootNotification, StatusNotification, Heartbeat in turn, so one
            // CALL in three is a status change (connector 1, Preparing and Available in turn: a new event each time)
            try (Simulator sim = Simulator.start(simulator(PREFIX, Scenario.CHATTER, n).rate(3 * rate)
                    .callListener(probe).build())) {
                awaitBooted(sim, n, Duration.ofSeconds(120 + (long) (n / opt.ramp)));
                Thread.sleep(opt.warmup.toMillis());
                headBefore = head();
                probe.startTracking();
                s = measure(sim, opt.duration);
                probe.stopTracking();
                headAfter = head();
                probe.awaitSettled(LivePushProbe.MISSING_AFTER.plusSeconds(1));
            }
            r = probe.result();
        }
        awaitServerDisconnected(Duration.ofSeconds(60));
        Summary.Latency status = s.latency().get("StatusNotification");
        long changes = status == null ? 0 : status.count();
        String what = "StatusNotification stored (CALLRESULT at the charger) -> connector message on /ws/updates";
        report.add(Figure.of("push.changes_per_s", S_PUSH, "status changes answered per second (" + n + " chargers)",
                "changes/s", changes / Math.max(1e-3, s.elapsedSeconds())));
        report.add(Figure.of("push.p50_ms", S_PUSH, what + ", p50", "ms", r.matched() == 0 ? null : r.percentile(50)));
        report.add(Figure.of("push.p90_ms", S_PUSH, what + ", p90", "ms", r.matched() == 0 ? null : r.percentile(90)));
        report.add(Figure.of("push.p99_ms", S_PUSH, what + ", p99", "ms", r.matched() == 0 ? null : r.percentile(99),
                atMost("issue 5", 1000)));
        report.add(Figure.of("push.max_ms", S_PUSH, what + ", max", "ms", r.max(), atMost("issue 5", 1000)));
        report.add(Figure.of("push.matched", S_PUSH, "changes pushed within " + LivePushProbe.MISSING_AFTER.toSeconds()
                + " s", "changes", (double) r.matched()));
        report.add(Figure.of("push.missing", S_PUSH, "changes without a push within "
                + LivePushProbe.MISSING_AFTER.toSeconds() + " s", "changes", (double) r.missing(), atMost("issue 5", 0)));
        StringBuilder d = report.details("Push to the live console (issue 5) details");
        d.append(String.format(Locale.ROOT, "One live subscriber speaks exactly what the browser console speaks, from the "
                        + "benchmark's JVM (JDK `java.net.http` WebSocket client): `/ws/updates?access_token=..` with a "
                        + "bearer token from `POST /api/auth/token`, the `welcome` message first (here: %s), then one "
                        + "message per change. %d simulated chargers run the chatter mix open loop at %s CALLs/s "
                        + "(BootNotification, StatusNotification, Heartbeat in turn: %s status changes/s, connector 1 "
                        + "Preparing and Available in turn, so each is a new event). For every StatusNotification "
                        + "answered during the %d s measurement (the server answers only after the event is stored), "
                        + "latency = its `connector` message received by the subscriber - the CALLRESULT received by the "
                        + "charger (both clocks in this JVM), matched by chargePointId, connectorId, status and the "
                        + "charger's timestamp. No message within %d s counts as missing.%n%n",
                welcome, n, Figure.format(3 * rate), Figure.format(rate), opt.duration.toSeconds(),
                LivePushProbe.MISSING_AFTER.toSeconds()));
        double[] l = r.latenciesMs();
        d.append(String.format(Locale.ROOT, "- status changes answered: %d; pushed within %d s: %d (p50 %.1f ms, p90 %.1f "
                        + "ms, p99 %.1f ms, max %s ms); missing: %d, of which %d arrived later (latest %.0f ms)%n",
                changes, LivePushProbe.MISSING_AFTER.toSeconds(), r.matched(), ProjectionLagProbe.rank(l, 50),
                ProjectionLagProbe.rank(l, 90), ProjectionLagProbe.rank(l, 99), Figure.format(r.max()), r.missing(),
                r.late(), r.maxLateMs()));
        if (r.pushedBeforeAnswer() > 0) {
            d.append("- pushes that reached the subscriber before the charger's answer reached the simulator's listener "
                    + "(counted as 0 ms): ").append(r.pushedBeforeAnswer()).append('\n');
        }
        d.append("- messages received on /ws/updates during the whole workload, by type: ").append(r.messagesByType())
                .append('\n');
        if (r.closed() != null) {
            d.append("- the live channel ended before the workload did: ").append(r.closed()).append('\n');
            report.note("push: the live channel /ws/updates ended during the measurement: " + r.closed());
        }
        describe(d, s, headBefore, headAfter);
    }

    private void pushNotMeasured(String why) {
        report.add(Figure.notMeasured("push.p99_ms", S_PUSH, "StatusNotification stored -> connector message on "
                + "/ws/updates, p99", "ms", why, atMost("issue 5", 1000)));
    }

    // ================================================================ issue 3 / 6 c: connections

    void connections() throws InterruptedException {
        int max = opt.maxChargers;
        System.err.println("== connections: ramp up to " + max + " chargers at " + Figure.format(opt.connectRamp) + "/s, hold "
                + opt.hold.toSeconds() + " s");
        ensureChargers(max);
        StringBuilder d = report.details("Connections (issue 3, issue 6 c) details");
        SimulatorConfig cfg = simulator(PREFIX, Scenario.IDLE, max).rampPerSecond(opt.connectRamp)
                .callTimeout(Duration.ofSeconds(60)).build();
        Simulator sim = Simulator.start(cfg);
        ResourceSampler sampler = new ResourceSampler(server, admin, Duration.ofSeconds(5), sim::connectedCount);
        double rampSeconds;
        int minHeld = Integer.MAX_VALUE;
        int atEnd;
        int bootedAtEnd;
        Summary atHoldStart;
        Summary atHoldEnd;
        double holdStartAt = 0;
        Double liveHeap = null;
        ResourceSampler.Sample endSample;
        try {
            long start = System.nanoTime();
            long rampPlanned = (long) (max / opt.connectRamp * 1e9);
            long hardDeadline = start + rampPlanned + Duration.ofSeconds(600).toNanos();
            int lastAccepted = -1;
            long lastProgress = System.nanoTime();
            long lastPrint = 0;
            while (true) {
                int accepted = sim.acceptedCount();
                long now = System.nanoTime();
                if (accepted > lastAccepted) {
                    lastAccepted = accepted;
                    lastProgress = now;
                }
                if (accepted >= max) {
                    break;
                }
                if (now > hardDeadline || (now - start > rampPlanned && now - lastProgress > 60_000_000_000L)) {
                    d.append(String.format(Locale.ROOT, "The ramp stalled: %d of %d chargers booted, no progress for "
                            + "60 s (or the ramp's time was up).%n%n", accepted, max));
                    break;
                }
                if (now - lastPrint > 10_000_000_000L) {
                    lastPrint = now;
                    Summary s = sim.stats();
                    System.err.printf("  [%4.0fs] connected %d, booted %d, errors %d %s%n", (now - start) / 1e9,
                            sim.connectedCount(), accepted, s.totalErrors(), s.errors());
                }
                Thread.sleep(250);
            }
            rampSeconds = (System.nanoTime() - start) / 1e9;
            atHoldStart = sim.stats();
            holdStartAt = sampler.elapsedSeconds();
            System.err.printf("  ramp done in %.0f s: %d connected, %d booted; holding %d s%n", rampSeconds,
                    sim.connectedCount(), sim.acceptedCount(), opt.hold.toSeconds());
            long holdEnd = System.nanoTime() + opt.hold.toNanos();
            lastPrint = System.nanoTime();
            while (System.nanoTime() < holdEnd) {
                minHeld = Math.min(minHeld, sim.connectedCount());
                if (System.nanoTime() - lastPrint > 30_000_000_000L) {
                    lastPrint = System.nanoTime();
                    System.err.printf("  holding: connected %d (min %d)%n", sim.connectedCount(), minHeld);
                }
                Thread.sleep(Math.min(1000, Math.max(1, (holdEnd - System.nanoTime()) / 1_000_000)));
            }
            minHeld = Math.min(minHeld, sim.connectedCount());
            atEnd = sim.connectedCount();
            bootedAtEnd = sim.acceptedCount();
            atHoldEnd = sim.stats();
            endSample = sampler.sampleNow();
            liveHeap = liveHeapAfterFullGc();
        } finally {
            sampler.close();
            System.err.println("  closing " + sim.connectedCount() + " connections");
            sim.stop();
        }
        awaitServerDisconnected(Duration.ofSeconds(180));
        List<ResourceSampler.Sample> hold = sampler.since(holdStartAt);
        List<ResourceSampler.Sample> all = sampler.samples();
        Double gauge = endSample.serverConnections();
        Map<String, Long> holdErrors = diff(atHoldEnd.errors(), atHoldStart.errors());
        long holdErrorCount = holdErrors.values().stream().mapToLong(Long::longValue).sum();
        report.add(Figure.of("conn.max_chargers", S_CONN, "chargers asked for (--max-chargers)", "chargers", (double) max));
        report.add(Figure.of("conn.held", S_CONN, "chargers connected through the whole hold (minimum, sampled every second)",
                "chargers", (double) (minHeld == Integer.MAX_VALUE ? 0 : minHeld), atLeast("issue 3", 10_000),
                atLeast("issue 6 c", 20_000)).withNote(max < 20_000 ? "at most " + Figure.format((double) max)
                + " asked: one process may open only ulimit -n (" + MachineInfo.openFilesLimit() + ") sockets" : null));
        report.add(Figure.of("conn.connected_end", S_CONN, "connected at the end of the hold (simulator)", "chargers",
                (double) atEnd));
        report.add(Figure.of("conn.booted_end", S_CONN, "booted (BootNotification Accepted) at the end of the hold",
                "chargers", (double) bootedAtEnd));
        report.add(Figure.of("conn.server_gauge_end", S_CONN, "connected at the end of the hold (server gauge ocpp.connections)",
                "chargers", gauge));
        report.add(Figure.of("conn.hold_s", S_CONN, "hold duration", "s", (double) opt.hold.toSeconds()));
        report.add(Figure.of("conn.ramp_s", S_CONN, "ramp: time until every charger booted", "s", rampSeconds));
        report.add(Figure.of("conn.rss_max_mib", S_CONN, "server RSS, max during the hold", "MiB",
                ResourceSampler.maxRssMib(hold), atMost("issue 6 c", 1024)));
        report.add(Figure.of("conn.rss_end_mib", S_CONN, "server RSS at the end of the hold", "MiB", endSample.rssKib() / 1024.0));
        report.add(Figure.of("conn.heap_max_mib", S_CONN, "server heap used, max during the hold", "MiB",
                ResourceSampler.maxHeapMib(hold)));
        report.add(Figure.of("conn.live_heap_mib", S_CONN, "server live heap at the end of the hold (objects left after a "
                + "full GC: the total of jcmd GC.class_histogram)", "MiB", liveHeap));
        report.add(Figure.of("conn.postgres_mib", S_CONN, "PostgreSQL memory (PSS summed over its processes), max", "MiB",
                ResourceSampler.maxPostgresMib(all)));
        report.add(Figure.of("conn.open_files_max", S_CONN, "server open file descriptors, max", "",
                (double) ResourceSampler.maxOpenFiles(all)));
        report.add(Figure.of("conn.errors_ramp", S_CONN, "errors during the ramp", "", (double) atHoldStart.totalErrors()));
        report.add(Figure.of("conn.errors_hold", S_CONN, "errors during the hold", "", (double) holdErrorCount));
        d.append(String.format(Locale.ROOT, "Scenario idle (BootNotification, StatusNotification for connectors 0 and 1, then a "
                        + "Heartbeat every 30 s, the server's interval), %s chargers ramped at %s new connections/s, "
                        + "held %d s. The simulator runs in the benchmark's JVM, the server in its own.%n%n",
                Figure.format((double) max), Figure.format(opt.connectRamp), opt.hold.toSeconds()));
        d.append("- errors during the ramp by kind: ").append(atHoldStart.errors()).append('\n');
        d.append("- errors during the hold by kind: ").append(holdErrors).append('\n');
        d.append("- CALLs during ramp + hold by action: ").append(atHoldEnd.callsByAction()).append('\n');
        d.append("- latency during ramp + hold (ms): ").append(latencyLine(atHoldEnd)).append("\n\n");
        d.append("Samples (every 5 s; s since the ramp began):\n\n| s | simulator connected | server gauge | RSS MiB | heap MiB "
                + "| open files | PostgreSQL MiB |\n|---:|---:|---:|---:|---:|---:|---:|\n");
        int step = Math.max(1, all.size() / 40);
        for (int i = 0; i < all.size(); i += step) {
            ResourceSampler.Sample x = all.get(i);
            d.append(String.format(Locale.ROOT, "| %.0f | %d | %s | %.0f | %s | %d | %.0f |%n", x.atSeconds(),
                    x.simulatorConnected(), Figure.format(x.serverConnections()), x.rssKib() / 1024.0,
                    x.heapBytes() == null ? "–" : String.format(Locale.ROOT, "%.0f", x.heapBytes() / 1048576.0),
                    x.openFiles(), x.postgresPssKib() / 1024.0));
        }
        d.append('\n');
    }

    /**
     * The server's live heap: a class histogram, which the JVM takes right after a full collection. ({@code jcmd
     * GC.run} would not do: with -XX:+ExplicitGCInvokesConcurrent it only starts a concurrent cycle, and the heap used a
     * second later depended on how far that cycle had got.)
     */
    private Double liveHeapAfterFullGc() {
        Path jcmd = Path.of(Path.of(opt.java).getParent() == null ? "" : Path.of(opt.java).getParent().toString(), "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return null;
        }
        return ResourceSampler.liveHeapMib(MachineInfo.run(
                List.of(jcmd.toString(), Long.toString(server.pid()), "GC.class_histogram"), Path.of(".")));
    }

    private static Map<String, Long> diff(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> out = new LinkedHashMap<>();
        after.forEach((k, v) -> {
            long d = v - before.getOrDefault(k, 0L);
            if (d != 0) {
                out.put(k, d);
            }
        });
        return out;
    }

    // ================================================================ issue 6 f: audit

    void audit() throws InterruptedException {
        String id = String.format("%s-%05d", AUDIT_PREFIX, 1);
        System.err.println("== audit: " + id + " needs " + opt.auditEvents + " events");
        if (!auditChargerRegistered) {
            AdminClient.Answer a = admin.post("/api/chargers", chargerBody(id));
            if (!a.ok() && a.status() != 409) {
                throw new IllegalStateException("registering " + id + " answered " + a.status() + " " + AdminClient.abbreviate(a.body()));
            }
            auditChargerRegistered = true;
        }
        String eventsPath = "/api/audit/chargers/" + id + "/events";
        Long count = auditCount(eventsPath);
        if (count == null) {
            String why = "GET " + eventsPath + " is not available in this server";
            report.add(Figure.notMeasured("audit.stream_s", S_AUDIT, "audit stream of one charger", "s", why, atMost("issue 6 f", 1)));
            report.add(Figure.notMeasured("audit.state_at_s", S_AUDIT, "state-at-time of that charger", "s", why, atMost("issue 6 f", 1)));
            return;
        }
        StringBuilder d = report.details("Audit (issue 6 f) details");
        if (count < opt.auditEvents) {
            long start = System.nanoTime();
            long deadline = start + opt.auditMax.toNanos();
            SimulatorConfig cfg = simulator(AUDIT_PREFIX, Scenario.CHATTER, 1).build();
            Summary s;
            try (Simulator sim = Simulator.start(cfg)) {
                long lastPrint = System.nanoTime();
                while (System.nanoTime() < deadline) {
                    Thread.sleep(5000);
                    count = auditCount(eventsPath);
                    if (System.nanoTime() - lastPrint > 30_000_000_000L) {
                        lastPrint = System.nanoTime();
                        System.err.printf("  %s has %d events (%.0f calls/s)%n", id, count, sim.stats().callsPerSecond());
                    }
                    if (count != null && count >= opt.auditEvents) {
                        break;
                    }
                }
                s = sim.stop();
            }
            count = auditCount(eventsPath);
            d.append(String.format(Locale.ROOT, "To give %s its history, one simulated charger ran the chatter mix (BootNotification, "
                            + "StatusNotification with a status change, Heartbeat) closed loop for %.0f s: %d CALLs (%.0f/s), "
                            + "%d errors; the charger then had %d events (asked: %d).%n%n", id,
                    (System.nanoTime() - start) / 1e9, s.callsSent(), s.callsPerSecond(), s.totalErrors(), count,
                    opt.auditEvents));
        }
        awaitServerDisconnected(Duration.ofSeconds(30));
        report.add(Figure.of("audit.events", S_AUDIT, "events in the audited charger's stream", "events",
                count == null ? null : (double) count, atLeast("issue 6 f (setup)", 100_000)));
        double[] stream = new double[3];
        double[] state = new double[3];
        double[] page = new double[3];
        AdminClient.Streamed last = null;
        String stateAnswer = "";
        for (int i = 0; i < 3; i++) {
            last = admin.stream(eventsPath + "?format=jsonl", Duration.ofMinutes(30));
            stream[i] = last.totalSeconds();
            long t0 = System.nanoTime();
            AdminClient.Answer st = admin.get("/api/audit/chargers/" + id + "/state?at="
                    + AdminClient.encode(Instant.now().toString()), Duration.ofMinutes(10));
            state[i] = (System.nanoTime() - t0) / 1e9;
            if (i == 0) {
                stateAnswer = st.status() + ", eventsApplied " + (st.ok() ? st.json().path("eventsApplied").asText() : "?");
            }
            t0 = System.nanoTime();
            admin.get(eventsPath + "?page=0&size=1000", Duration.ofMinutes(10));
            page[i] = (System.nanoTime() - t0) / 1e9;
        }
        report.add(Figure.of("audit.stream_s", S_AUDIT, "audit stream (jsonl export, whole history), median of 3", "s",
                median(stream), atMost("issue 6 f", 1)));
        report.add(Figure.of("audit.state_at_s", S_AUDIT, "state-at-time (now, replays the whole history), median of 3", "s",
                median(state), atMost("issue 6 f", 1)));
        report.add(Figure.of("audit.first_page_s", S_AUDIT, "first page of 1,000 events, median of 3", "s", median(page)));
        d.append(String.format(Locale.ROOT, "- jsonl export: HTTP %d, %d lines, %.1f MB; times %s s (first byte of the last: %.3f s)%n",
                last.status(), last.lines(), last.bytes() / 1e6, Arrays.toString(round(stream)), last.firstByteSeconds()));
        d.append("- state?at=now: answer ").append(stateAnswer).append("; times ").append(Arrays.toString(round(state))).append(" s\n");
        d.append("- events?page=0&size=1000: times ").append(Arrays.toString(round(page))).append(" s\n\n");
    }

    private Long auditCount(String eventsPath) {
        AdminClient.Answer a = admin.get(eventsPath + "?size=1", Duration.ofMinutes(2));
        return a.ok() ? a.json().path("totalElements").asLong() : null;
    }

    // ================================================================ issue 6 e: replay

    void replay() throws InterruptedException {
        AdminClient.Answer list = admin.get("/api/admin/projections");
        if (!list.ok()) {
            String why = "GET /api/admin/projections answered " + list.status();
            report.add(Figure.notMeasured("replay.events_per_s", S_REPLAY, "replay rate", "events/s", why, atLeast("issue 6 e", 50_000)));
            return;
        }
        StringBuilder d = report.details("Replay (issue 6 e) details");
        replayFill(d);
        list = admin.get("/api/admin/projections");
        List<String> names = new ArrayList<>();
        long head = 0;
        for (JsonNode p : list.json()) {
            head = Math.max(head, p.path("head").asLong());
            if (p.path("supportsReset").asBoolean(false)) {
                names.add(p.path("name").asText());
            }
        }
        long stored = storedEvents();
        long events = stored >= 0 ? stored : head;
        System.err.println("== replay of " + names + " over " + events + " events (head " + head + ")");
        long start = System.nanoTime();
        // all at once, as an operator rebuilding every read model would: each request returns once its processor
        // has stopped and reset, which takes up to a second
        List<CompletableFuture<AdminClient.Answer>> requests = names.stream().map(name -> CompletableFuture.supplyAsync(
                () -> admin.post("/api/admin/projections/" + AdminClient.encode(name) + "/replay", null))).toList();
        for (int i = 0; i < names.size(); i++) {
            AdminClient.Answer a = requests.get(i).join();
            if (!a.ok()) {
                throw new IllegalStateException("replay of " + names.get(i) + " answered " + a.status() + " "
                        + AdminClient.abbreviate(a.body()));
            }
        }
        Map<String, Double> doneAt = new LinkedHashMap<>();     // seconds, rounded to ms
        long deadline = start + opt.replayMax.toNanos();
        long lastPrint = start;
        while (doneAt.size() < names.size() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            AdminClient.Answer a = admin.get("/api/admin/projections", Duration.ofSeconds(30));
            if (!a.ok()) {
                continue;
            }
            for (JsonNode p : a.json()) {
                String name = p.path("name").asText();
                if (names.contains(name) && !doneAt.containsKey(name) && !p.path("replaying").asBoolean(true)
                        && p.path("position").asLong(-1) >= head) {
                    doneAt.put(name, Math.round((System.nanoTime() - start) / 1e6) / 1000.0);
                }
                if (p.path("error").asBoolean(false)) {
                    report.note("projection " + name + " reported an error during the replay: " + p.path("errorMessage").asText());
                }
            }
            if (System.nanoTime() - lastPrint > 10_000_000_000L) {
                lastPrint = System.nanoTime();
                System.err.printf(Locale.ROOT, "  [%4.0fs] replay: finished %s%n", (lastPrint - start) / 1e9, doneAt);
            }
        }
        double seconds = doneAt.values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        boolean complete = doneAt.size() == names.size();
        report.add(Figure.of("replay.events", S_REPLAY, "events in the store (replayed by every projection)", "events",
                (double) events, atLeast("issue 6 e (setup)", 1_000_000)));
        report.add(Figure.of("replay.seconds", S_REPLAY, "time to rebuild all " + names.size() + " projections (in parallel)",
                "s", complete ? seconds : null));
        report.add(Figure.of("replay.events_per_s", S_REPLAY, "replay rate: events / time to rebuild all projections",
                "events/s", complete && seconds > 0 ? events / seconds : null, atLeast("issue 6 e", 50_000)));
        d.append(String.format(Locale.ROOT, "Replay: `POST /api/admin/projections/{name}/replay` for %s at once, then `GET "
                + "/api/admin/projections` every 100 ms until each is not replaying and its position reached the head (%d; "
                + "%d events stored). Finished after (s): %s%s%n%n", names, head, events, doneAt, complete ? ""
                : " — NOT all finished within " + opt.replayMax.toSeconds() + " s"));
    }

    /** Fills the store to opt.replayEvents through OCPP (load mix), then waits for the projections to catch up. */
    private void replayFill(StringBuilder d) throws InterruptedException {
        String label = "fill before the replay: events added through OCPP (closed-loop load mix)";
        if (opt.replayEvents <= 0) {
            String why = "no fill asked (--replay-events 0): the replay runs over what earlier workloads stored";
            report.add(Figure.notMeasured("replay.fill_events", S_REPLAY, label, "events", why));
            report.add(Figure.notMeasured("replay.fill_events_per_s", S_REPLAY, "fill rate", "events/s", why));
            return;
        }
        int chargers = opt.chargerCounts.stream().mapToInt(Integer::intValue).max().orElse(500);
        Fill f = fill(opt.replayEvents, chargers, "replay fill");
        if (f == null) {
            String why = "the events in the store could not be counted";
            report.add(Figure.notMeasured("replay.fill_events", S_REPLAY, label, "events", why));
            report.add(Figure.notMeasured("replay.fill_events_per_s", S_REPLAY, "fill rate", "events/s", why));
            return;
        }
        d.append("Fill to --replay-events ").append(opt.replayEvents).append(": ").append(f.describe(opt.replayEvents))
                .append(" Events are counted as the run's \"events in the store\" (rows of domain_event_entry).\n\n");
        if (f.seconds() == 0) {
            String why = "no fill needed: the store already held " + f.before() + " events";
            report.add(Figure.of("replay.fill_events", S_REPLAY, label, "events", 0.0).withNote(why));
            report.add(Figure.notMeasured("replay.fill_s", S_REPLAY, "fill time", "s", why));
            report.add(Figure.notMeasured("replay.fill_events_per_s", S_REPLAY, "fill rate", "events/s", why));
            return;
        }
        report.add(Figure.of("replay.fill_events", S_REPLAY, label + ", " + f.chargers() + " chargers", "events",
                (double) f.added()));
        report.add(Figure.of("replay.fill_s", S_REPLAY, "fill time (simulator start to stop)", "s", f.seconds()));
        report.add(Figure.of("replay.fill_events_per_s", S_REPLAY, "fill rate: events added / fill time", "events/s",
                f.eventsPerSecond()));
        long t0 = System.nanoTime();
        boolean caughtUp = awaitProjectionsCaughtUp(Duration.ofSeconds(600));
        d.append(String.format(Locale.ROOT, "After the fill, the event processors %s %.1f s; then the replay began.%n%n",
                caughtUp ? "caught up with the head in" : "had NOT caught up with the head after", (System.nanoTime() - t0) / 1e9));
    }

    /** Waits until every event processor with a position reached the store's head and none replays. */
    private boolean awaitProjectionsCaughtUp(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            AdminClient.Answer a = admin.get("/api/admin/projections", Duration.ofSeconds(30));
            if (a.ok()) {
                boolean all = true;
                for (JsonNode p : a.json()) {
                    if (p.path("position").isNumber() && (p.path("position").asLong() < p.path("head").asLong()
                            || p.path("replaying").asBoolean(false))) {
                        all = false;
                    }
                }
                if (all) {
                    return true;
                }
            }
            Thread.sleep(250);
        }
        return false;
    }

    // ================================================================ formatting

    /** The middle value (the upper one of the two middle values for an even count). */
    static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }

    private static double[] round(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = Math.round(v[i] * 1000) / 1000.0;
        }
        return r;
    }

    private static String latencyLine(Summary s) {
        StringBuilder b = new StringBuilder();
        s.latency().forEach((k, l) -> b.append(String.format(Locale.ROOT, "%s p50 %.1f / p99 %.1f / max %.1f; ", k, l.p50(),
                l.p99(), l.max())));
        return b.toString();
    }

    /** Markdown details of one simulator measurement. */
    static void describe(StringBuilder d, Summary s, Long headBefore, Long headAfter) {
        d.append(String.format(Locale.ROOT, "- measured %.1f s: %d CALLs sent (%.1f calls/s), %d results, %d CALLERRORs, "
                        + "%d errors in total%n", s.elapsedSeconds(), s.callsSent(), s.callsPerSecond(), s.callResults(),
                s.callErrors(), s.totalErrors()));
        if (s.offeredRate() > 0) {
            d.append(String.format(Locale.ROOT, "- open loop: %s calls/s offered, %d sends due, %d skipped as backlog, %d "
                    + "skipped with no charger ready%n", Figure.format(s.offeredRate()), s.offered(), s.backlog(), s.notReady()));
        }
        d.append("- errors by kind: ").append(s.errors().isEmpty() ? "none" : s.errors().toString()).append('\n');
        if (!s.rejections().isEmpty()) {
            d.append("- rejections (valid negative answers): ").append(s.rejections()).append('\n');
        }
        if (headBefore != null && headAfter != null) {
            d.append(String.format(Locale.ROOT, "- events stored during the measurement: %d (%.0f/s); store head %d -> %d%n",
                    headAfter - headBefore, (headAfter - headBefore) / s.elapsedSeconds(), headBefore, headAfter));
        }
        StringBuilder w = new StringBuilder();
        for (Summary.Window win : s.windows()) {
            w.append(String.format(Locale.ROOT, "%s%.0f%s", w.length() == 0 ? "" : ", ", win.callsPerSecond(),
                    win.complete() ? "" : " (partial)"));
        }
        d.append(String.format(Locale.ROOT, "- calls/s per %.0f s window: %s%n", s.windowSeconds(), w));
        d.append("\n| action | sent | answered | p50 ms | p90 ms | p99 ms | max ms | mean ms |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        Summary.Latency all = s.overallLatency();
        d.append(String.format(Locale.ROOT, "| (all) | %d | %d | %.2f | %.2f | %.2f | %.2f | %.2f |%n", s.callsSent(),
                all.count(), all.p50(), all.p90(), all.p99(), all.max(), all.mean()));
        s.callsByAction().forEach((action, sent) -> {
            Summary.Latency l = s.latency().get(action);
            if (l == null) {
                d.append(String.format(Locale.ROOT, "| %s | %d | 0 | | | | | |%n", action, sent));
            } else {
                d.append(String.format(Locale.ROOT, "| %s | %d | %d | %.2f | %.2f | %.2f | %.2f | %.2f |%n", action, sent,
                        l.count(), l.p50(), l.p90(), l.p99(), l.max(), l.mean()));
            }
        });
        d.append('\n');
    }
}
