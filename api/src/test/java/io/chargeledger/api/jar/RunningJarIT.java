package io.chargeledger.api.jar;

import static io.chargeledger.api.support.TestChargers.versiCharge;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.chargeledger.api.support.ApiClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The "done when" scenario of the walking skeleton, against the packaged jar: register, duplicate 409,
 * invalid 400, unauthenticated 401, restart, still there; plus seeding twice and surviving a crash.
 */
class RunningJarIT {

    private static final String KEY = "jar-it-key-0123456789";

    @Test
    void chargersSurviveARestartAndACrash() throws Exception {
        String password = UUID.randomUUID().toString();
        try (RunningJar server = new RunningJar(RunningJar.freshDataDir("restart"), password)) {
            Duration coldStart = server.start("--seed");
            System.out.println("[measure] cold start to healthy on a new data directory: " + coldStart.toMillis() + " ms");
            ApiClient api = server.client();

            assertThat(api.anonymous().get("/api/chargers").status()).isEqualTo(401);
            assertThat(api.post("/api/chargers", versiCharge("JAR-1", KEY)).status()).isEqualTo(201);
            assertThat(api.post("/api/chargers", versiCharge("JAR-1", KEY)).status()).isEqualTo(409);
            Map<String, Object> invalid = versiCharge("JAR-2", KEY);
            invalid.put("maximumAmps", 1);
            assertThat(api.post("/api/chargers", invalid).status()).isEqualTo(400);
            assertThat(api.get("/api/chargers/JAR-2").status()).isEqualTo(404);
            assertThat(ids(api)).containsExactlyInAnyOrder(
                    "JAR-1", "JAAL34S021", "ABB-TAC-0001", "TESLA-WC3-0001", "EVB-ELVI-0001");
            JsonNode versiCharge = api.get("/api/chargers/JAAL34S021").json();
            assertThat(versiCharge.path("powerKW").decimalValue()).isEqualByComparingTo("7.68");
            assertThat(versiCharge.path("ipAddress").asText()).isEqualTo("192.168.10.143");
            assertThat(versiCharge.path("targetGroup").asText()).isEqualTo("Production");

            server.stop();
            Duration warmStart = server.start("--seed");
            System.out.println("[measure] start to healthy on an existing data directory: " + warmStart.toMillis() + " ms");

            assertThat(api.get("/api/chargers/JAR-1").status()).isEqualTo(200);
            assertThat(ids(api)).containsExactlyInAnyOrder(
                    "JAR-1", "JAAL34S021", "ABB-TAC-0001", "TESLA-WC3-0001", "EVB-ELVI-0001");
            assertThat(api.get("/api/chargers/JAR-2").status()).isEqualTo(404);
            // the projection resumes from its stored token and keeps up with new events
            assertThat(api.post("/api/chargers", versiCharge("JAR-3", KEY)).status()).isEqualTo(201);
            assertThat(api.get("/api/chargers/JAR-3").json().path("version").asLong()).isZero();

            server.kill();
            server.start();
            assertThat(ids(api)).contains("JAR-1", "JAR-3");
            assertThat(api.post("/api/chargers", versiCharge("JAR-4", KEY)).status()).isEqualTo(201);
            assertThat(server.logText()).contains("already registered");
        }
    }

    @Test
    void anExternalPostgreSqlIsUsedWhenADatasourceUrlIsSet() throws Exception {
        // A separate PostgreSQL server standing in for the operator's own database server.
        try (EmbeddedPostgres external = EmbeddedPostgres.builder()
                .setDataDirectory(RunningJar.freshDataDir("external-pg"))
                .setCleanDataDirectory(true)
                .start();
             RunningJar server = new RunningJar(RunningJar.freshDataDir("external"), UUID.randomUUID().toString())) {
            server.start("--spring.datasource.url=" + external.getJdbcUrl("postgres", "postgres"),
                    "--spring.datasource.username=postgres", "--spring.datasource.password=");
            assertThat(server.client().post("/api/chargers", versiCharge("EXT-1", KEY)).status()).isEqualTo(201);
            try (var connection = external.getPostgresDatabase().getConnection();
                 var rows = connection.createStatement().executeQuery(
                         "select count(*) from domain_event_entry where aggregate_identifier = 'EXT-1'")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(1);
            }
            assertThat(server.logText()).doesNotContain("Starting embedded PostgreSQL");
        }
    }

    @Test
    void startsFromTheClassDataArchiveTheBuildRecorded() throws Exception {
        assertThat(RunningJar.classDataArchive()).isRegularFile();
        Path dataDir = RunningJar.freshDataDir("class-data");
        Path classLoads = dataDir.resolveSibling(dataDir.getFileName() + "-classes.log");
        try (RunningJar server = new RunningJar(dataDir, UUID.randomUUID().toString())
                .jvmOptions("-Xlog:class+load=info:file=" + classLoads)) {
            server.start();
            assertThat(server.logText()).doesNotContain("Unable to use shared archive");
        }
        List<String> loads = Files.readAllLines(classLoads);
        String fromArchive = "source: shared objects file (top)";
        assertThat(loads).anyMatch(line -> line.contains(" io.chargeledger.ChargeLedgerApplication " + fromArchive));
        long archived = loads.stream().filter(line -> line.contains(fromArchive)).count();
        long fromJars = loads.stream().filter(line -> line.contains("source: file:") || line.contains("source: jar:")).count();
        System.out.println("[measure] classes loaded from the archive: " + archived + ", from the jars: " + fromJars);
        // the archive holds what a start loads; only what a start does not do (this first health request) is left
        assertThat(archived).isGreaterThan(10 * fromJars);
    }

    @Test
    void aReadModelThatCaughtUpWithHistoryAsksForAConcurrentCollection() throws Exception {
        Path dataDir = RunningJar.freshDataDir("heap-return");
        Path gcLog = dataDir.resolveSibling(dataDir.getFileName() + "-gc.log");
        try (RunningJar server = new RunningJar(dataDir, UUID.randomUUID().toString())
                .jvmOptions("-XX:+UseG1GC", "-XX:+ExplicitGCInvokesConcurrent", "-Xlog:gc:file=" + gcLog)) {
            // every event counts as history at once, and one is a long enough history: the seed's events catch up
            server.start("--seed", "--chargeledger.projections.history-age=0s",
                    "--chargeledger.projections.heap-return-after=1");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!Files.readString(gcLog).contains("(System.gc())") && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(server.logText()).contains("caught up after");
        }
        // a concurrent cycle, never a collection that stops the server
        assertThat(Files.readAllLines(gcLog))
                .anyMatch(line -> line.contains("Pause Young (Concurrent Start) (System.gc())"))
                .noneMatch(line -> line.contains("Pause Full"));
    }

    @Test
    void exitWhenStartedStartsCompletelyThenStopsCleanly() throws Exception {
        Path dataDir = RunningJar.freshDataDir("exit-when-started");
        try (RunningJar server = new RunningJar(dataDir, UUID.randomUUID().toString())) {
            assertThat(server.runToExit(Duration.ofMinutes(2), "--chargeledger.exit-when-started=true")).isZero();
            assertThat(server.logText())
                    .contains("Started ChargeLedgerApplication")
                    .contains("Successfully applied")
                    .doesNotContain(" ERROR ");
            // the embedded PostgreSQL was stopped with the server (a running one keeps this file)
            assertThat(dataDir.resolve("postgres").resolve("PG_VERSION")).isRegularFile();
            assertThat(dataDir.resolve("postgres").resolve("postmaster.pid")).doesNotExist();
        }
    }

    private static List<String> ids(ApiClient api) {
        List<String> ids = new ArrayList<>();
        api.get("/api/chargers?size=500").json().path("content").forEach(c -> ids.add(c.path("chargePointId").asText()));
        return ids;
    }
}
