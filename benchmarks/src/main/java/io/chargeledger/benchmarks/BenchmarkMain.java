package io.chargeledger.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static io.chargeledger.benchmarks.Figure.Target.atMost;

/**
 * {@code java -jar benchmarks/target/chargeledger-benchmarks.jar --server-jar api/target/chargeledger.jar
 * --workloads all}: starts the server jar as a child process (fixed JVM options, fresh embedded PostgreSQL, free
 * ports on 127.0.0.1), measures its cold start, runs the selected workloads with the simulator in this process and
 * writes {@code benchmarks/results/<UTC stamp>-<commit>.md} and {@code latest.md} (plus their {@code .json}).
 */
public final class BenchmarkMain {

    private static final String ALPHANUMERIC = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final long MAX_LOG_BYTES_KEPT = 1_000_000;

    private BenchmarkMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        BenchmarkOptions opt;
        try {
            opt = BenchmarkOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println("try --help");
            return 2;
        }
        if (opt.help) {
            System.out.print(BenchmarkOptions.USAGE);
            return 0;
        }
        if (!Files.isRegularFile(opt.serverJar)) {
            System.err.println("error: server jar " + opt.serverJar + " not found (build it: ./mvnw -DskipTests package)");
            return 2;
        }
        try {
            return new BenchmarkMain().execute(opt, args);
        } catch (Exception e) {
            System.err.println("benchmark failed: " + e);
            e.printStackTrace();
            return 1;
        }
    }

    private int execute(BenchmarkOptions opt, String[] args) throws Exception {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        String stamp = now.format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"));
        Report report = new Report(stamp, now.format(DateTimeFormatter.ISO_INSTANT));
        report.loadPrevious(opt.resultsDir.resolve("latest.json"));
        String[] git = MachineInfo.gitCommit(Path.of("."));
        report.commit = git[0];
        report.treeState = git[1];
        report.machine.putAll(MachineInfo.describe(opt.java));
        report.run.put("command", "java -jar benchmarks/target/chargeledger-benchmarks.jar " + String.join(" ", args));
        report.run.put("workloads", String.join(", ", opt.workloads));
        report.run.put("load average at start (/proc/loadavg)", MachineInfo.loadAverage());
        report.run.put("server jar", opt.serverJar + " (" + Files.size(opt.serverJar) / 1_000_000 + " MB, modified "
                + Files.getLastModifiedTime(opt.serverJar) + ")");
        report.run.put("server JVM options", String.join(" ", ServerProcess.jvmOptions(opt.serverJar)));
        report.run.put("load generator", "the simulator in the benchmark's own JVM (" + Runtime.getRuntime().maxMemory() / 1048576
                + " MiB max heap), on the same machine as the server");
        report.run.put("throughput runs", String.format(Locale.ROOT, "%d s measured after %d s warm-up, chargers %s, ramp %s/s",
                opt.duration.toSeconds(), opt.warmup.toSeconds(), opt.chargerCounts, Figure.format(opt.ramp)));
        machineSpeed(report, opt, "start", "before the server started");
        Workloads.placeholders(report, opt, "not measured by this run (workload not selected)");

        Path dataDir = Files.createTempDirectory(Files.createDirectories(opt.workDir), "chargeledger-bench-");
        String adminPassword = random(24);
        String chargerKey = random(24);
        ServerProcess server = new ServerProcess(opt.java, opt.serverJar, dataDir, adminPassword, opt.serverArgs);
        report.run.put("server command", server.commandForReport());
        report.run.put("server data", "fresh embedded PostgreSQL data directory " + dataDir.resolve("data")
                + " (deleted afterwards" + (opt.keepData ? ": no, --keep-data" : "") + ")");
        Thread hook = new Thread(server::close, "stop-server");
        Runtime.getRuntime().addShutdownHook(hook);
        ResourceSampler wholeRun = null;
        try {
            // One start varies by a second or more here (two cores, shared by the JIT threads and initdb), so the
            // figure is the median of several, each on its own fresh data directory; the last one runs the workloads.
            List<Double> starts = new ArrayList<>();
            for (int trial = 1; trial < opt.coldStarts; trial++) {
                starts.add(trialStart(opt, adminPassword, trial));
            }
            System.err.println("starting " + server.commandForReport());
            server.start();
            double cold = server.awaitHealthy(Duration.ofMinutes(5));
            starts.add(cold);
            System.err.printf(Locale.ROOT, "server healthy after %.2f s (pid %d, port %d)%n", cold, server.pid(), server.port());
            report.add(Figure.of("start.cold_start_s", Workloads.S_START, "cold start to /actuator/health UP, median of "
                            + starts.size() + " starts (fresh data directory each, initdb and migrations included)", "s",
                    Workloads.median(starts.stream().mapToDouble(Double::doubleValue).toArray()),
                    atMost("issue 6 g", 8)));
            report.details("Cold start").append("- seconds to healthy, in start order: " + starts.stream()
                    .map(s -> String.format(Locale.ROOT, "%.2f", s)).toList() + "\n");
            Map<String, String> pg = PostgresCheck.settings(server.postgresPort());
            report.run.put("embedded PostgreSQL at start", pg.toString());
            if (!"on".equals(pg.get("fsync")) || !"on".equals(pg.get("synchronous_commit"))) {
                report.note("server problem: the embedded PostgreSQL does not run with fsync and synchronous_commit on "
                        + "(" + pg + "): the figures do not reflect durable commits");
            }
            AdminClient admin = new AdminClient(server.base(), "admin", adminPassword);
            report.run.put("REST authentication", admin.authenticationMode());
            wholeRun = new ResourceSampler(server, admin, Duration.ofSeconds(5), null);
            Workloads w = new Workloads(opt, server, admin, report, chargerKey);
            for (String workload : opt.workloads) {
                if (!server.isAlive()) {
                    report.note("workload " + workload + " not run: the server process had exited");
                    continue;
                }
                long t0 = System.nanoTime();
                CpuShares cpuAtStart = CpuShares.now(server.pid(), server.dataDir());
                try {
                    switch (workload) {
                        case "boot-status-heartbeat" -> w.bootStatusHeartbeat();
                        case "load" -> w.load();
                        case "open-loop" -> w.openLoop();
                        case "connections" -> w.connections();
                        case "push" -> w.push();
                        case "audit" -> w.audit();
                        case "replay" -> w.replay();
                        default -> throw new IllegalStateException(workload);
                    }
                } catch (Exception e) {
                    System.err.println("workload " + workload + " failed: " + e);
                    e.printStackTrace();
                    report.note("workload " + workload + " failed: " + e);
                }
                report.run.put("duration of " + workload, String.format(Locale.ROOT, "%.0f s (registration included)",
                        (System.nanoTime() - t0) / 1e9));
                String cpu = CpuShares.now(server.pid(), server.dataDir())
                        .since(cpuAtStart, Runtime.getRuntime().availableProcessors());
                if (cpu != null) {
                    report.run.put("CPU during " + workload + " (/proc)", cpu);
                }
            }
        } catch (Exception e) {
            report.note("the run stopped early: " + e.getMessage());
            System.err.println("run stopped early: " + e);
        } finally {
            if (wholeRun != null) {
                wholeRun.close();
                List<ResourceSampler.Sample> all = wholeRun.samples();
                report.add(Figure.of("server.rss_max_mib", Workloads.S_SERVER, "server RSS, max (sampled every 5 s)", "MiB",
                        ResourceSampler.maxRssMib(all)));
                report.add(Figure.of("server.heap_max_mib", Workloads.S_SERVER, "server heap used, max (sampled every 5 s)",
                        "MiB", ResourceSampler.maxHeapMib(all)));
                report.add(Figure.of("server.postgres_max_mib", Workloads.S_SERVER,
                        "PostgreSQL memory, PSS over its processes, max", "MiB", ResourceSampler.maxPostgresMib(all)));
            }
            report.run.put("load average at the end (/proc/loadavg)", MachineInfo.loadAverage());
            boolean aliveAtEnd = server.isAlive();
            if (aliveAtEnd) {
                report.run.put("embedded PostgreSQL at the end", PostgresCheck.settings(server.postgresPort()).toString());
                long events = PostgresCheck.count(server.postgresPort(), "domain_event_entry");
                if (events >= 0) {
                    report.run.put("events in the store at the end", Long.toString(events));
                }
            }
            System.err.println("stopping the server");
            server.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C
            }
            if (server.killed()) {
                report.note("server problem: the server did not stop within 60 s of SIGTERM and was killed");
            }
            if (server.postgresLeftRunning()) {
                report.note("server problem: the embedded PostgreSQL was still running 15 s after the server had stopped "
                        + "(SIGTERM); the benchmark stopped it");
            }
            if (!aliveAtEnd) {
                report.note("the server process was no longer running at the end of the run (see the server log)");
            }
            machineSpeed(report, opt, "end", "after the server stopped");
            serverLog(report, server, opt);
            Path written = report.write(opt.resultsDir);
            System.err.println("report written to " + written + " and " + opt.resultsDir.resolve("latest.md"));
            System.out.print(report.markdown());
            if (!opt.keepData) {
                deleteTree(dataDir);
            } else {
                System.err.println("data directory and server log kept in " + dataDir);
            }
        }
        return 0;
    }

    /** The machine's own speed (see {@link MachineSpeed}), as figures without targets beside the previous run's. */
    private static void machineSpeed(Report report, BenchmarkOptions opt, String when, String whenText) {
        try {
            report.add(Figure.of("machine." + when + ".sha256_mb_s", Workloads.S_MACHINE,
                    "one thread's SHA-256 rate, " + whenText + " (best of 5 passes over 16 MiB)", "MB/s",
                    MachineSpeed.sha256MegabytesPerSecond()));
            report.add(Figure.of("machine." + when + ".synced_write_us", Workloads.S_MACHINE,
                    "8 KiB write + fdatasync in the work directory, " + whenText + " (median of 500)", "µs",
                    MachineSpeed.syncedWriteMicros(Files.createDirectories(opt.workDir), 500)));
        } catch (IOException | RuntimeException e) {
            report.note("machine speed " + whenText + " not measured: " + e);
        }
    }

    /** WARN/ERROR/exception summary of the server log; the log itself is kept beside the report when small. */
    private static void serverLog(Report report, ServerProcess server, BenchmarkOptions opt) {
        StringBuilder d = report.details("Server log");
        try {
            if (!Files.isRegularFile(server.log())) {
                d.append("No server log.\n");
                return;
            }
            ServerLog.Scan scan = ServerLog.scan(server.log());
            long size = Files.size(server.log());
            d.append(String.format(Locale.ROOT, "%d lines (%.1f MB): %d WARN, %d ERROR, %d exception lines.%n%n", scan.lines(),
                    size / 1e6, scan.warnings(), scan.errors(), scan.exceptionLines()));
            report.add(Figure.of("server.log_warn", Workloads.S_SERVER, "WARN lines in the server log", "", (double) scan.warnings()));
            report.add(Figure.of("server.log_error", Workloads.S_SERVER, "ERROR lines in the server log", "", (double) scan.errors()));
            List<String> top = scan.top(25);
            if (!top.isEmpty()) {
                d.append("Most frequent WARN / ERROR / exception lines (numbers and ids folded; count x first example):\n\n```\n");
                top.forEach(l -> d.append(l).append('\n'));
                d.append("```\n");
            }
            Files.createDirectories(opt.resultsDir);
            if (size <= MAX_LOG_BYTES_KEPT) {
                Path copy = opt.resultsDir.resolve(report.stamp + "-" + report.commit + "-server.log");
                Files.copy(server.log(), copy);
                d.append("\nThe whole log: `").append(copy.getFileName()).append("` (beside this report).\n");
            } else {
                d.append("\nThe log was too large to keep beside the report").append(opt.keepData
                        ? "; it stays in " + server.log() : " (use --keep-data to keep it)").append(".\n");
            }
        } catch (IOException e) {
            d.append("Could not read the server log: ").append(e).append('\n');
        }
    }

    private static String random(int length) {
        SecureRandom r = new SecureRandom();
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(ALPHANUMERIC.charAt(r.nextInt(ALPHANUMERIC.length())));
        }
        return b.toString();
    }

    /** A start on its own fresh data directory, stopped and deleted once healthy: seconds to healthy. */
    private static double trialStart(BenchmarkOptions opt, String adminPassword, int trial) throws Exception {
        Path dataDir = Files.createTempDirectory(Files.createDirectories(opt.workDir), "chargeledger-cold-start-");
        try (ServerProcess server = new ServerProcess(opt.java, opt.serverJar, dataDir, adminPassword, opt.serverArgs)) {
            server.start();
            double seconds = server.awaitHealthy(Duration.ofMinutes(5));
            System.err.printf(Locale.ROOT, "cold start %d of %d: healthy after %.2f s%n", trial, opt.coldStarts, seconds);
            return seconds;
        } finally {
            deleteTree(dataDir);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort
                }
            });
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e);
        }
    }
}
