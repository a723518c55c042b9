package io.chargeledger.api.jar;

import io.chargeledger.api.support.ApiClient;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged server started as a user would start it (the README's command):
 * {@code java -XX:SharedArchiveFile=api/target/chargeledger/chargeledger.jsa -jar api/target/chargeledger/chargeledger.jar}.
 */
final class RunningJar implements AutoCloseable {

    private final Path dataDir;
    private final String adminPassword;
    private final int port;
    private final Path log;
    private Process process;
    private javax.net.ssl.SSLContext sslContext;
    private final List<String> jvmOptions = new ArrayList<>();

    /** Talk HTTPS/WSS to the server, trusting this context (the server's self-signed certificate). */
    RunningJar tls(javax.net.ssl.SSLContext sslContext) {
        this.sslContext = sslContext;
        return this;
    }

    /** More JVM options for the next starts. */
    RunningJar jvmOptions(String... options) {
        jvmOptions.addAll(List.of(options));
        return this;
    }

    int port() {
        return port;
    }

    String adminPassword() {
        return adminPassword;
    }

    String ocppUrl(String chargePointId) {
        return (sslContext == null ? "ws" : "wss") + "://127.0.0.1:" + port + "/ocpp/" + chargePointId;
    }

    RunningJar(Path dataDir, String adminPassword) throws IOException {
        this.dataDir = dataDir;
        this.adminPassword = adminPassword;
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
        this.log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
    }

    /** Starts the jar and waits until /actuator/health is UP; returns the time that took. */
    Duration start(String... extraArgs) throws Exception {
        long begin = System.nanoTime();
        launch(extraArgs);
        ApiClient anonymous = client().anonymous();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Server exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (anonymous.get("/actuator/health").status() == 200) {
                    return Duration.ofNanos(System.nanoTime() - begin);
                }
            } catch (IllegalStateException notYetListening) {
                // keep polling
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("Server not healthy within 120 s; see " + log);
    }

    /** Starts the jar and waits for it to exit on its own; returns its exit code. */
    int runToExit(Duration limit, String... extraArgs) throws Exception {
        launch(extraArgs);
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("Server did not exit within " + limit + "; see " + log);
        }
        return process.exitValue();
    }

    private void launch(String... extraArgs) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
        command.add("-XX:SharedArchiveFile=" + classDataArchive());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", extractedJar().toString(),
                "--server.port=" + port,
                "--chargeledger.data-dir=" + dataDir,
                "--chargeledger.admin.password=" + adminPassword));
        command.addAll(List.of(extraArgs));
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    /** The class-data archive the build records beside the jar (api/pom.xml, record-class-data-archive). */
    static Path classDataArchive() {
        return extractedJar().resolveSibling("chargeledger.jsa");
    }

    private static Path extractedJar() {
        return Path.of(System.getProperty("chargeledger.jar", "target/chargeledger/chargeledger.jar"));
    }

    /** SIGTERM, as systemd or Ctrl-C would send, and wait for a clean exit. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("Server did not stop within 60 s");
        }
    }

    /** SIGKILL: a crash. Only the JVM dies; PostgreSQL must still hold everything acknowledged. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    ApiClient client() {
        return new ApiClient((sslContext == null ? "http" : "https") + "://127.0.0.1:" + port, "admin", adminPassword,
                sslContext);
    }

    String logText() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            stop();
        }
    }

    static Path freshDataDir(String name) throws IOException {
        Path dir = Path.of("target", "jar-it", name + "-" + System.nanoTime()).toAbsolutePath();
        Files.createDirectories(dir.getParent());
        return dir;
    }

    static boolean jarExists() {
        return new File(System.getProperty("chargeledger.jar", "target/chargeledger.jar")).isFile();
    }
}
