package io.chargeledger.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The server jar as a child process: fixed JVM options, a fresh embedded PostgreSQL data directory, free ports on
 * 127.0.0.1, its output in a log file.
 */
final class ServerProcess implements AutoCloseable {

    /**
     * As the README starts the server: Java thread priorities reach the operating system (projections first), the
     * heap stays close to what is live, G1 grows it only when collecting takes more than a fifth of its time, and
     * System.gc() (which the server calls when a read model caught up with a long history) starts a concurrent cycle,
     * which returns unused heap, instead of a full collection.
     */
    static final List<String> JVM_OPTIONS = List.of("-Xmx1g", "-XX:+UseG1GC", "-XX:ThreadPriorityPolicy=1",
            "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:GCTimeRatio=4",
            "-XX:+ExplicitGCInvokesConcurrent");

    /**
     * The fixed options, plus the class-data archive the build records beside the jar (as the README starts the
     * server) when there is one.
     */
    static List<String> jvmOptions(Path serverJar) {
        List<String> options = new ArrayList<>(JVM_OPTIONS);
        Path archive = serverJar.toAbsolutePath().resolveSibling("chargeledger.jsa");
        if (Files.isRegularFile(archive)) {
            options.add("-XX:SharedArchiveFile=" + archive);
        }
        return options;
    }

    private final Path dataDir;
    private final Path log;
    private final int port;
    private final int postgresPort;
    private final List<String> command;
    private Process process;
    private long startNanos;
    private volatile boolean postgresLeftRunning;
    private volatile boolean killed;

    ServerProcess(String java, Path serverJar, Path dataDir, String adminPassword, List<String> extraArgs) throws IOException {
        this.dataDir = dataDir;
        this.log = dataDir.resolve("server.log");
        this.port = freePort();
        int pg;
        do {
            pg = freePort();
        } while (pg == port);
        this.postgresPort = pg;
        List<String> c = new ArrayList<>();
        c.add(java);
        c.addAll(jvmOptions(serverJar));
        c.add("-jar");
        c.add(serverJar.toAbsolutePath().toString());
        c.add("--server.address=127.0.0.1");
        c.add("--server.port=" + port);
        c.add("--chargeledger.data-dir=" + dataDir.resolve("data").toAbsolutePath());
        c.add("--chargeledger.embedded-postgres.port=" + postgresPort);
        c.add("--chargeledger.ocpp.node-id=benchmark");
        c.add("--chargeledger.admin.password=" + adminPassword);
        c.addAll(extraArgs);
        this.command = List.copyOf(c);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The command line with the admin password masked. */
    String commandForReport() {
        return String.join(" ", command.stream()
                .map(a -> a.startsWith("--chargeledger.admin.password=") ? "--chargeledger.admin.password=<random>" : a)
                .toList());
    }

    void start() throws IOException {
        Files.createDirectories(dataDir);
        startNanos = System.nanoTime();
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
    }

    /**
     * Polls /actuator/health until it answers UP; returns seconds since the process was started. Fails when the
     * process exits or the timeout passes.
     */
    double awaitHealthy(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI health = base().resolve("/actuator/health");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("server exited with " + process.exitValue() + " before it was healthy; see " + log);
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"UP\"")) {
                    return (System.nanoTime() - startNanos) / 1e9;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("server not healthy within " + timeout + "; see " + log);
    }

    /** True when the embedded PostgreSQL was still running 15 s after the server process had exited. */
    boolean postgresLeftRunning() {
        return postgresLeftRunning;
    }

    /** True when the server ignored SIGTERM for 60 s and was killed. */
    boolean killed() {
        return killed;
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }

    String ocppUrl() {
        return "ws://127.0.0.1:" + port + "/ocpp/";
    }

    int port() {
        return port;
    }

    int postgresPort() {
        return postgresPort;
    }

    Path log() {
        return log;
    }

    Path dataDir() {
        return dataDir;
    }

    /** Graceful stop (SIGTERM: the server stops its embedded PostgreSQL), forced after 60 s. */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        List<Long> postgres = ProcessMemory.postgresPids(dataDir);
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    System.err.println("server did not stop within 60 s: killing it");
                    killed = true;
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        // a PostgreSQL left behind by the server: stop the postmaster this run started (by its pid)
        if (!postgres.isEmpty()) {
            ProcessHandle.of(postgres.get(0)).ifPresent(pm -> {
                try {
                    pm.onExit().get(15, TimeUnit.SECONDS);      // it may still be shutting down
                } catch (Exception stillRunning) {
                    // handled below
                }
                if (pm.isAlive()) {
                    postgresLeftRunning = true;
                    System.err.println("stopping the embedded PostgreSQL left running 15 s after the server exited (pid "
                            + pm.pid() + ")");
                    pm.destroy();
                    try {
                        pm.onExit().get(30, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        pm.destroyForcibly();
                    }
                }
            });
        }
    }
}
