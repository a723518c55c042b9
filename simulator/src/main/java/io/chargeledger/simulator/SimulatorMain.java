package io.chargeledger.simulator;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Command line entry point: {@code java -jar chargeledger-simulator.jar --url ws://127.0.0.1:8080/ocpp/ ...}. */
public final class SimulatorMain {

    static final String USAGE = """
            ChargeLedger charge point simulator: OCPP 1.6-J charge points over real WebSockets.

            usage: java -jar chargeledger-simulator.jar --url ws://127.0.0.1:8080/ocpp/ [options]

              --url <ws-url>            central system base URL; the charge point id is appended (required)
              --chargers <n>            number of charge points (default 1)
              --id-prefix <p>           charge point ids <p>-00001, <p>-00002 ... (default SIM)
              --start-index <n>         number of the first charge point (default 1)
              --password <key>          HTTP Basic auth: user = charge point id, password = key (default: no auth)
              --scenario <s>            idle | sessions | mixed | storm | faults | load | chatter (default idle)
              --duration <s>            stop after s seconds (default: at scenario end or Ctrl-C)
              --id-tag-prefix <p>       RFID idTags <p>-00001 ... one per charge point (default TAG)
              --heartbeat <s>           heartbeat interval instead of the BootNotification.conf interval
              --meter-interval <s>      MeterValueSampleInterval during transactions (default 10)
              --ramp <n>                new connections per second while ramping up (default 200, 0 = no limit)
              --connectors <n>          connectors per charge point (default 1)
              --sessions <n>            RFID sessions per charge point, 0 = endless (default 0)
              --session-duration <s>    length of a driver's session, +-20 % (default 60)
              --pause <s>               pause between sessions (default 5)
              --fault-interval <s>      mean time between injected events in mixed/faults (default 30)
              --offline-duration <s>    length of an offline period in faults (default 10)
              --storm-interval <s>      time between mass disconnects in storm (default 30)
              --call-timeout <s>        CALL without answer counts as timeout after s (default 30)
              --rate <calls/s>          load/chatter: open loop at this many CALLs/s over the whole fleet
                                        (default 0 = closed loop: next CALL as soon as the answer arrives)
              --load-meter-values <n>   MeterValues per session in the load mix (default 5)
              --window <s>              throughput window width in the summary (default 10)
              --leave-sessions-open     on exit, do not stop running transactions
              --seed <n>                random seed for reproducible runs
              --threads <n>             worker threads (default: CPU count, at least 2)
              --report <file>           also write the final summary as JSON
              --trace                   print every frame to stderr
              --help                    this text

            Progress goes to stderr every 5 s; the summary goes to stdout at the end.
            Durations accept fractions (0.5).
            """;

    private static final Set<String> FLAGS = Set.of("--help", "-h", "--trace", "--leave-sessions-open");

    private SimulatorMain() {
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        System.exit(code);
    }

    /** Parsed command line: the simulator settings plus CLI-only options. */
    record Options(SimulatorConfig config, Path report, boolean help) {
    }

    static Options parse(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("-")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'");
            }
            String key = a;
            String value = null;
            int eq = a.indexOf('=');
            if (eq > 0) {
                key = a.substring(0, eq);
                value = a.substring(eq + 1);
            } else if (!FLAGS.contains(a)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + a + " needs a value");
                }
                value = args[++i];
            }
            opts.put(key, value == null ? "true" : value);
        }
        if (opts.containsKey("--help") || opts.containsKey("-h")) {
            return new Options(null, null, true);
        }
        String url = opts.remove("--url");
        if (url == null) {
            throw new IllegalArgumentException("--url is required");
        }
        SimulatorConfig.Builder b = SimulatorConfig.builder(URI.create(url));
        Path report = null;
        for (Map.Entry<String, String> e : opts.entrySet()) {
            String v = e.getValue();
            switch (e.getKey()) {
                case "--chargers" -> b.chargers(integer(e.getKey(), v));
                case "--id-prefix" -> b.idPrefix(v);
                case "--start-index" -> b.startIndex(integer(e.getKey(), v));
                case "--password" -> b.password(v);
                case "--scenario" -> b.scenario(Scenario.parse(v));
                case "--duration" -> b.duration(seconds(e.getKey(), v));
                case "--id-tag-prefix" -> b.idTagPrefix(v);
                case "--heartbeat" -> b.heartbeatOverride(seconds(e.getKey(), v));
                case "--meter-interval" -> b.meterInterval(seconds(e.getKey(), v));
                case "--ramp" -> b.rampPerSecond(number(e.getKey(), v));
                case "--connectors" -> b.connectors(integer(e.getKey(), v));
                case "--sessions" -> b.sessionsPerCharger(integer(e.getKey(), v));
                case "--session-duration" -> b.sessionDuration(seconds(e.getKey(), v));
                case "--pause" -> b.sessionPause(seconds(e.getKey(), v));
                case "--fault-interval" -> b.faultInterval(seconds(e.getKey(), v));
                case "--offline-duration" -> b.offlineDuration(seconds(e.getKey(), v));
                case "--storm-interval" -> b.stormInterval(seconds(e.getKey(), v));
                case "--call-timeout" -> b.callTimeout(seconds(e.getKey(), v));
                case "--rate" -> b.rate(number(e.getKey(), v));
                case "--load-meter-values" -> b.loadMeterValues(integer(e.getKey(), v));
                case "--window" -> b.statsWindow(seconds(e.getKey(), v));
                case "--leave-sessions-open" -> b.stopSessionsOnShutdown(false);
                case "--seed" -> b.seed(Long.parseLong(v));
                case "--threads" -> b.threads(integer(e.getKey(), v));
                case "--trace" -> b.trace(true);
                case "--report" -> report = Path.of(v);
                default -> throw new IllegalArgumentException("unknown option " + e.getKey());
            }
        }
        return new Options(b.build(), report, false);
    }

    private static int integer(String option, String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " expects an integer, got '" + v + "'");
        }
    }

    private static double number(String option, String v) {
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " expects a number, got '" + v + "'");
        }
    }

    private static Duration seconds(String option, String v) {
        double s = number(option, v);
        if (s < 0 || Double.isNaN(s) || Double.isInfinite(s)) {
            throw new IllegalArgumentException(option + " expects seconds >= 0, got '" + v + "'");
        }
        return Duration.ofNanos(Math.round(s * 1e9));
    }

    /** Runs the CLI; returns the process exit code (0 ok, 2 bad usage, 1 failure). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println("try --help");
            return 2;
        }
        if (options.help()) {
            out.print(USAGE);
            return 0;
        }
        SimulatorConfig cfg = options.config();
        err.printf(Locale.ROOT, "simulating %d charge point(s) %s..%s, scenario %s, against %s%n", cfg.chargers(),
                cfg.chargePointId(cfg.startIndex()), cfg.chargePointId(cfg.startIndex() + cfg.chargers() - 1),
                cfg.scenario().label(), cfg.url());
        Simulator sim = Simulator.start(cfg);
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sim-progress");
            t.setDaemon(true);
            return t;
        });
        Progress p = new Progress(sim, err);
        progress.scheduleAtFixedRate(p::print, 5, 5, TimeUnit.SECONDS);
        Finisher finisher = new Finisher(sim, progress, options.report(), out, err);
        Thread hook = new Thread(finisher::finish, "sim-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            sim.awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int code = finisher.finish();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the hook is running or ran already
        }
        return code;
    }

    /** Stops the simulator once and prints/writes the summary (from main or the Ctrl-C hook). */
    private static final class Finisher {
        private final Simulator sim;
        private final ScheduledExecutorService progress;
        private final Path report;
        private final PrintStream out;
        private final PrintStream err;
        private Integer code;

        Finisher(Simulator sim, ScheduledExecutorService progress, Path report, PrintStream out, PrintStream err) {
            this.sim = sim;
            this.progress = progress;
            this.report = report;
            this.out = out;
            this.err = err;
        }

        synchronized int finish() {
            if (code != null) {
                return code;
            }
            progress.shutdownNow();
            err.println("stopping...");
            Summary summary = sim.stop();
            out.print(summary.toText());
            out.flush();
            code = 0;
            if (report != null) {
                try {
                    Path parent = report.toAbsolutePath().getParent();
                    if (parent != null) {
                        Files.createDirectories(parent);
                    }
                    Files.writeString(report, summary.toJson(), StandardCharsets.UTF_8);
                    err.println("report written to " + report);
                } catch (IOException e) {
                    err.println("error: cannot write report " + report + ": " + e);
                    code = 1;
                }
            }
            return code;
        }
    }

    /** The 5-second progress line. */
    private static final class Progress {
        private final Simulator sim;
        private final PrintStream err;
        private long lastCalls;
        private long lastNanos = System.nanoTime();

        Progress(Simulator sim, PrintStream err) {
            this.sim = sim;
            this.err = err;
        }

        void print() {
            try {
                Summary s = sim.stats();
                long now = System.nanoTime();
                double rate = (s.callsSent() - lastCalls) / Math.max(1e-9, (now - lastNanos) / 1e9);
                lastCalls = s.callsSent();
                lastNanos = now;
                long accepted = sim.chargePoints().stream().filter(ChargePoint::isAccepted).count();
                String openLoop = s.offeredRate() > 0
                        ? String.format(Locale.ROOT, " | backlog %d, not ready %d", s.backlog(), s.notReady()) : "";
                err.printf(Locale.ROOT,
                        "[%6.0fs] connected %d/%d, booted %d | calls %d (%.1f/s) | sessions active %d, done %d | errors %d%s%n",
                        s.elapsedSeconds(), s.connected(), s.chargers(), accepted, s.callsSent(), rate,
                        s.activeSessions(), s.sessionsCompleted(), s.totalErrors(), openLoop);
            } catch (RuntimeException e) {
                err.println("progress: " + e);
            }
        }
    }
}
