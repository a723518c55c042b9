package io.chargeledger.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Command line of the benchmark suite. */
final class BenchmarkOptions {

    /** Workloads in the order {@code all} runs them. */
    static final List<String> WORKLOADS = List.of("boot-status-heartbeat", "load", "open-loop", "push", "audit",
            "replay", "connections");

    static final int TARGET_CHARGERS = 20_000;
    static final int FILES_BESIDES_CHARGERS = 500;

    static final String USAGE = """
            ChargeLedger benchmark suite: starts the server jar on a fresh embedded PostgreSQL, registers the chargers and
            id tags it needs through the REST API, drives it with the simulator and writes a Markdown report.

            usage: java -jar benchmarks/target/chargeledger-benchmarks.jar --server-jar api/target/chargeledger.jar [options]

              --server-jar <file>        the server's executable jar (required)
              --workloads <list>|all     comma-separated, default all, run in this order:
                                           boot-status-heartbeat  issue 3: Boot + StatusNotification + Heartbeat, closed loop
                                           load                   issue 6 a/d/g: closed-loop full session mix, projection lag,
                                                                  events per session
                                           open-loop              issue 6 b: open loop at --rate, latency per action
                                           push                   issue 5: StatusNotification stored -> connector message
                                                                  on the console's live channel /ws/updates
                                           audit                  issue 6 f: audit stream and state-at for one long charger
                                           replay                 issue 6 e: fill the store to --replay-events through OCPP,
                                                                  then rebuild every projection from it
                                           connections            issue 3 / 6 c: chargers held, heartbeat 30 s, RSS and heap
                                                                  (last: it may exhaust the server)
                                         (cold start to healthy, issue 6 g, is measured on every run: the median of
                                          --cold-starts starts)
              --duration <s>             measured time per throughput run (default 60)
              --warmup <s>               load before each measurement, left out of it (default 5)
              --chargers <n,n...>        charger counts for boot-status-heartbeat and load (default 50,500)
              --rate <calls/s>           open-loop rate (default 1000)
              --open-loop-chargers <n>   chargers sharing the open-loop rate (default 500)
              --max-chargers <n>         connections: chargers to ramp up to (default 20000, issue 6 c, or the open
                                         files limit (ulimit -n) less 500 when that is lower: the server and the
                                         simulator each hold one socket per charger besides their other files)
              --hold <s>                 connections: how long they are held after the ramp (default 60; issue 6 c: 300)
              --cold-starts <n>          server starts to healthy, each on a fresh data directory; the figure is their
                                         median and the last one runs the workloads (default 3)
              --connect-ramp <n>         connections: new connections per second (default 200)
              --ramp <n>                 new connections per second in the throughput runs (default 500)
              --lag-sample-ms <ms>       projection lag sampling interval (default 25)
              --prefill-events <n>       load: first fill the event store to n events with the load mix (default 0)
              --prefill-max-seconds <s>  upper bound for each fill: the prefill and replay's fill (default 1800)
              --push-rate <n>            push: status changes per second over all its chargers (default 30)
              --push-chargers <n>        push: chargers sending them (default 10)
              --audit-events <n>         audit: events the audited charger must have (default 100000)
              --audit-max-seconds <s>    audit: upper bound for producing them (default 600)
              --replay-events <n>        replay: first fill the event store to n events with the load mix through OCPP
                                         (default 1000000, issue 6 e; 0: replay what earlier workloads stored)
              --replay-max-seconds <s>   replay: upper bound for the rebuild (default 1800)
              --register-threads <n>     parallel REST registrations (default 8)
              --server-arg <arg>         extra server argument, repeatable (shown in the report)
              --results-dir <dir>        where reports go (default benchmarks/results)
              --work-dir <dir>           parent of the fresh server data directory (default the system temp dir)
              --keep-data                keep the data directory and server log afterwards
              --java <file>              java executable for the server (default: the one running this)
              --help                     this text
            """;

    Path serverJar;
    List<String> workloads = new ArrayList<>(WORKLOADS);
    Duration duration = Duration.ofSeconds(60);
    Duration warmup = Duration.ofSeconds(5);
    List<Integer> chargerCounts = List.of(50, 500);
    double rate = 1000;
    int openLoopChargers = 500;
    int maxChargers = defaultMaxChargers(MachineInfo.openFilesSoftLimit());
    Duration hold = Duration.ofSeconds(60);
    int coldStarts = 3;
    double connectRamp = 200;
    double ramp = 500;
    Duration lagSample = Duration.ofMillis(25);
    long prefillEvents;
    Duration prefillMax = Duration.ofSeconds(1800);
    long auditEvents = 100_000;
    Duration auditMax = Duration.ofSeconds(600);
    long replayEvents = 1_000_000;
    Duration replayMax = Duration.ofSeconds(1800);
    double pushRate = 30;
    int pushChargers = 10;
    int registerThreads = 8;
    List<String> serverArgs = new ArrayList<>();
    Path resultsDir = Path.of("benchmarks", "results");
    Path workDir = Path.of(System.getProperty("java.io.tmpdir"));
    boolean keepData;
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    boolean help;
    final List<String> given = new ArrayList<>();

    static BenchmarkOptions parse(String[] args) {
        BenchmarkOptions o = new BenchmarkOptions();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                value = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            if (a.equals("--help") || a.equals("-h")) {
                o.help = true;
                continue;
            }
            if (a.equals("--keep-data")) {
                o.keepData = true;
                o.given.add(a);
                continue;
            }
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'");
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + a + " needs a value");
                }
                value = args[++i];
            }
            o.given.add(a + " " + value);
            switch (a) {
                case "--server-jar" -> o.serverJar = Path.of(value);
                case "--workloads" -> o.workloads = workloads(value);
                case "--duration" -> o.duration = seconds(a, value);
                case "--warmup" -> o.warmup = seconds(a, value);
                case "--chargers" -> {
                    List<Integer> counts = new ArrayList<>();
                    for (String part : value.split(",")) {
                        counts.add(positiveInt(a, part));
                    }
                    o.chargerCounts = List.copyOf(counts);
                }
                case "--rate" -> o.rate = positive(a, value);
                case "--open-loop-chargers" -> o.openLoopChargers = positiveInt(a, value);
                case "--max-chargers" -> o.maxChargers = positiveInt(a, value);
                case "--hold" -> o.hold = seconds(a, value);
                case "--cold-starts" -> o.coldStarts = positiveInt(a, value);
                case "--connect-ramp" -> o.connectRamp = positive(a, value);
                case "--ramp" -> o.ramp = positive(a, value);
                case "--lag-sample-ms" -> o.lagSample = Duration.ofMillis(positiveInt(a, value));
                case "--prefill-events" -> o.prefillEvents = (long) number(a, value);
                case "--prefill-max-seconds" -> o.prefillMax = seconds(a, value);
                case "--audit-events" -> o.auditEvents = positiveInt(a, value);
                case "--audit-max-seconds" -> o.auditMax = seconds(a, value);
                case "--replay-events" -> o.replayEvents = (long) number(a, value);
                case "--replay-max-seconds" -> o.replayMax = seconds(a, value);
                case "--push-rate" -> o.pushRate = positive(a, value);
                case "--push-chargers" -> o.pushChargers = positiveInt(a, value);
                case "--register-threads" -> o.registerThreads = positiveInt(a, value);
                case "--server-arg" -> o.serverArgs.add(value);
                case "--results-dir" -> o.resultsDir = Path.of(value);
                case "--work-dir" -> o.workDir = Path.of(value);
                case "--java" -> o.java = value;
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (!o.help && o.serverJar == null) {
            throw new IllegalArgumentException("--server-jar is required");
        }
        int highest = 0;
        for (int n : o.chargerCounts) {
            highest = Math.max(highest, n);
        }
        if (Math.max(Math.max(Math.max(highest, o.openLoopChargers), o.maxChargers), o.pushChargers) > 99_999) {
            throw new IllegalArgumentException("at most 99999 chargers");
        }
        return o;
    }

    /**
     * Issue 6 c's 20,000, or as many as the open-files limit leaves room for: the server and the simulator (in this
     * process) each hold one socket per charger, and the server about 250 other files (jars, database connections).
     */
    static int defaultMaxChargers(long openFilesLimit) {
        if (openFilesLimit <= 0) {
            return TARGET_CHARGERS;
        }
        return (int) Math.max(1, Math.min(TARGET_CHARGERS, openFilesLimit - FILES_BESIDES_CHARGERS));
    }

    static List<String> workloads(String value) {
        if (value.trim().equalsIgnoreCase("all")) {
            return new ArrayList<>(WORKLOADS);
        }
        Set<String> chosen = new LinkedHashSet<>();
        for (String part : value.split(",")) {
            String w = part.trim().toLowerCase(Locale.ROOT);
            if (w.equals("projection-lag")) {
                w = "load";                     // measured during the load runs
            }
            if (!WORKLOADS.contains(w)) {
                throw new IllegalArgumentException("unknown workload '" + part.trim() + "' (" + String.join(", ", WORKLOADS)
                        + ", all)");
            }
            chosen.add(w);
        }
        List<String> ordered = new ArrayList<>();
        for (String w : WORKLOADS) {
            if (chosen.contains(w)) {
                ordered.add(w);
            }
        }
        return ordered;
    }

    private static double number(String option, String v) {
        try {
            double d = Double.parseDouble(v.trim());
            if (Double.isNaN(d) || Double.isInfinite(d) || d < 0) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " expects a number >= 0, got '" + v + "'");
        }
    }

    private static double positive(String option, String v) {
        double d = number(option, v);
        if (d <= 0) {
            throw new IllegalArgumentException(option + " must be > 0");
        }
        return d;
    }

    private static int positiveInt(String option, String v) {
        try {
            int n = Integer.parseInt(v.trim());
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " expects an integer > 0, got '" + v + "'");
        }
    }

    private static Duration seconds(String option, String v) {
        return Duration.ofMillis(Math.round(number(option, v) * 1000));
    }
}
