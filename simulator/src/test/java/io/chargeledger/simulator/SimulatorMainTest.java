package io.chargeledger.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatorMainTest extends SimulatorTestSupport {

    @Test
    void parsesEveryOptionIntoTheConfig() {
        SimulatorMain.Options o = SimulatorMain.parse(new String[]{"--url", "ws://127.0.0.1:9/ocpp", "--chargers", "4",
                "--id-prefix", "CP", "--password", "key", "--scenario", "sessions", "--duration=90", "--id-tag-prefix", "RF",
                "--heartbeat", "15", "--meter-interval", "0.5", "--ramp", "50", "--connectors", "2", "--sessions", "3",
                "--report", "out/r.json", "--seed", "9", "--trace", "--leave-sessions-open"});
        SimulatorConfig c = o.config();
        assertThat(c.chargers()).isEqualTo(4);
        assertThat(c.chargePointId(1)).isEqualTo("CP-00001");
        assertThat(c.idTag(12)).isEqualTo("RF-00012");
        assertThat(c.password()).isEqualTo("key");
        assertThat(c.scenario()).isEqualTo(Scenario.SESSIONS);
        assertThat(c.duration()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.heartbeatOverride()).isEqualTo(Duration.ofSeconds(15));
        assertThat(c.meterInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.rampPerSecond()).isEqualTo(50);
        assertThat(c.connectors()).isEqualTo(2);
        assertThat(c.sessionsPerCharger()).isEqualTo(3);
        assertThat(c.seed()).isEqualTo(9);
        assertThat(c.trace()).isTrue();
        assertThat(c.stopSessionsOnShutdown()).isFalse();
        assertThat(o.report()).isEqualTo(Path.of("out/r.json"));
    }

    @Test
    void parsesTheLoadGeneratorOptions() {
        SimulatorConfig c = SimulatorMain.parse(new String[]{"--url", "ws://127.0.0.1:9/ocpp", "--scenario", "load",
                "--rate", "1000", "--load-meter-values", "3", "--window", "5"}).config();
        assertThat(c.scenario()).isEqualTo(Scenario.LOAD);
        assertThat(c.rate()).isEqualTo(1000.0);
        assertThat(c.loadMeterValues()).isEqualTo(3);
        assertThat(c.statsWindow()).isEqualTo(Duration.ofSeconds(5));
        SimulatorConfig d = SimulatorMain.parse(new String[]{"--url", "ws://127.0.0.1:9/ocpp", "--scenario", "chatter"})
                .config();
        assertThat(d.scenario()).isEqualTo(Scenario.CHATTER);
        assertThat(d.rate()).isZero();
        assertThat(d.loadMeterValues()).isEqualTo(5);
        assertThat(d.statsWindow()).isEqualTo(Duration.ofSeconds(10));
        Result wrong = run("--url", "ws://127.0.0.1:9/", "--scenario", "idle", "--rate", "10");
        assertThat(wrong.code).isEqualTo(2);
        assertThat(wrong.err).contains("rate");
        assertThat(run("--help").out).contains("--rate").contains("load").contains("chatter");
    }

    @Test
    void badUsageExitsWithTwoAndHelpWithZero() {
        assertThat(run("--chargers", "2").code).isEqualTo(2);
        Result unknown = run("--url", "ws://127.0.0.1:9/", "--colour", "blue");
        assertThat(unknown.code).isEqualTo(2);
        assertThat(unknown.err).contains("unknown option --colour");
        assertThat(run("--url", "http://127.0.0.1:9/").code).isEqualTo(2);
        assertThat(run("--url", "ws://127.0.0.1:9/", "--scenario", "chaos").err).contains("unknown scenario");
        Result help = run("--help");
        assertThat(help.code).isZero();
        assertThat(help.out).contains("--url").contains("--scenario").contains("--report");
        assertThatThrownBy(() -> SimulatorMain.parse(new String[]{"--url", "ws://x/", "--chargers"}))
                .hasMessageContaining("needs a value");
    }

    @Test
    void cliRunsTheScenarioPrintsTheSummaryAndWritesTheReport(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("report.json");
        Result r = run("--url", cs.url(), "--chargers", "2", "--id-prefix", "CLI", "--scenario", "sessions",
                "--sessions", "1", "--session-duration", "0.5", "--pause", "0.1", "--meter-interval", "0.2",
                "--ramp", "0", "--password", "k", "--report", report.toString());
        assertThat(r.code).as(r.err).isZero();
        assertThat(r.out).contains("ChargeLedger simulator summary").contains("StartTransaction");
        JsonNode json = new ObjectMapper().readTree(Files.readString(report));
        assertThat(json.get("chargers").asInt()).isEqualTo(2);
        assertThat(json.get("sessionsCompleted").asInt()).isEqualTo(2);
        assertThat(json.get("callsSent").asLong()).isEqualTo(cs.totalCalls());
        assertThat(json.get("errors").size()).isZero();
        assertThat(json.get("latency").get("StartTransaction").get("p99").asDouble()).isPositive();
        assertThat(cs.calls("CLI-00001", "BootNotification")).hasSize(1);
        assertThat(cs.calls("CLI-00002", "StopTransaction")).hasSize(1);
        assertNoViolations();
    }

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SimulatorMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
