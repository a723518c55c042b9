package io.chargeledger.benchmarks;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchmarkOptionsTest {

    @Test
    void defaultsRunEveryWorkloadWithTheIssuesParameters() {
        BenchmarkOptions o = BenchmarkOptions.parse(new String[]{"--server-jar", "api/target/chargeledger.jar"});
        assertThat(o.serverJar).isEqualTo(Path.of("api/target/chargeledger.jar"));
        assertThat(o.workloads).containsExactlyElementsOf(BenchmarkOptions.WORKLOADS);
        assertThat(o.chargerCounts).containsExactly(50, 500);
        assertThat(o.rate).isEqualTo(1000);
        assertThat(o.maxChargers).isEqualTo(BenchmarkOptions.defaultMaxChargers(MachineInfo.openFilesSoftLimit()));
        assertThat(o.hold).isEqualTo(Duration.ofSeconds(60));
        assertThat(o.duration).isEqualTo(Duration.ofSeconds(60));
        assertThat(o.registerThreads).isEqualTo(8);
        assertThat(o.resultsDir).isEqualTo(Path.of("benchmarks", "results"));
        assertThat(o.replayEvents).isEqualTo(1_000_000);
        assertThat(o.pushRate).isEqualTo(30);
        assertThat(o.pushChargers).isEqualTo(10);
    }

    @Test
    void chargersHeldByDefaultAreTheTargetOrWhatTheOpenFilesLimitLeavesRoomFor() {
        assertThat(BenchmarkOptions.defaultMaxChargers(1_048_576)).isEqualTo(20_000);
        assertThat(BenchmarkOptions.defaultMaxChargers(20_500)).isEqualTo(20_000);
        assertThat(BenchmarkOptions.defaultMaxChargers(20_000)).isEqualTo(19_500);
        assertThat(BenchmarkOptions.defaultMaxChargers(1_024)).isEqualTo(524);
        assertThat(BenchmarkOptions.defaultMaxChargers(Long.MAX_VALUE)).isEqualTo(20_000);
        assertThat(BenchmarkOptions.defaultMaxChargers(-1)).isEqualTo(20_000);
        assertThat(MachineInfo.openFilesSoftLimit()).isPositive();
    }

    @Test
    void parsesOptionsAndKeepsTheWorkloadOrder() {
        BenchmarkOptions o = BenchmarkOptions.parse(new String[]{"--server-jar=s.jar", "--workloads", "replay,load,connections",
                "--hold", "300", "--max-chargers", "500", "--chargers", "10,20", "--rate=250.5", "--duration", "0.5",
                "--server-arg", "--a=b", "--server-arg", "--c=d", "--keep-data", "--lag-sample-ms", "10",
                "--replay-events", "30000", "--push-rate=20", "--push-chargers", "4"});
        assertThat(o.workloads).containsExactly("load", "replay", "connections");
        assertThat(o.replayEvents).isEqualTo(30_000);
        assertThat(o.pushRate).isEqualTo(20);
        assertThat(o.pushChargers).isEqualTo(4);
        assertThat(BenchmarkOptions.workloads("replay,push,open-loop")).containsExactly("open-loop", "push", "replay");
        assertThat(o.hold).isEqualTo(Duration.ofSeconds(300));
        assertThat(o.maxChargers).isEqualTo(500);
        assertThat(o.chargerCounts).containsExactly(10, 20);
        assertThat(o.rate).isEqualTo(250.5);
        assertThat(o.duration).isEqualTo(Duration.ofMillis(500));
        assertThat(o.serverArgs).containsExactly("--a=b", "--c=d");
        assertThat(o.keepData).isTrue();
        assertThat(o.lagSample).isEqualTo(Duration.ofMillis(10));
        assertThat(BenchmarkOptions.workloads("projection-lag")).isEqualTo(List.of("load"));
        assertThat(BenchmarkOptions.workloads("ALL")).isEqualTo(BenchmarkOptions.WORKLOADS);
    }

    @Test
    void refusesBadUsage() {
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[]{})).hasMessageContaining("--server-jar");
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[]{"--server-jar", "x", "--workloads", "chaos"}))
                .hasMessageContaining("unknown workload");
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[]{"--server-jar", "x", "--rate", "0"}))
                .hasMessageContaining("--rate");
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[]{"--server-jar", "x", "--colour", "blue"}))
                .hasMessageContaining("unknown option");
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[]{"--server-jar", "x", "--max-chargers", "200000"}))
                .hasMessageContaining("99999");
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[]{"--server-jar", "x", "--push-rate", "0"}))
                .hasMessageContaining("--push-rate");
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[]{"--server-jar", "x", "--replay-events", "-1"}))
                .hasMessageContaining("--replay-events");
        assertThat(BenchmarkOptions.parse(new String[]{"--help"}).help).isTrue();
        assertThat(BenchmarkOptions.USAGE).contains("--replay-events", "--push-rate", "--push-chargers", "push ");
        assertThat(BenchmarkMain.run(new String[]{"--workloads", "all"})).isEqualTo(2);
        assertThat(BenchmarkMain.run(new String[]{"--server-jar", "does/not/exist.jar"})).isEqualTo(2);
    }
}
