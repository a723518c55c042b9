package io.chargeledger.benchmarks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.chargeledger.benchmarks.Figure.Target.atLeast;
import static io.chargeledger.benchmarks.Figure.Target.atMost;
import static org.assertj.core.api.Assertions.assertThat;

class ReportTest {

    @Test
    void targetsAreCheckedOnePerSource() {
        Figure held = Figure.of("conn.held", "s", "held", "chargers", 19_000.0, atLeast("issue 3", 10_000),
                atLeast("issue 6 c", 20_000));
        assertThat(held.status()).isEqualTo("issue 3: met; issue 6 c: **not met**");
        assertThat(held.targetText()).isEqualTo("issue 3: ≥ 10,000 chargers; issue 6 c: ≥ 20,000 chargers");
        assertThat(Figure.of("p99", "s", "p99", "ms", 12.5, atMost("issue 6 b", 20)).status()).isEqualTo("met");
        assertThat(Figure.notMeasured("x", "s", "x", "", "why", atMost("t", 1)).status()).isEqualTo("not measured");
        assertThat(Figure.of("y", "s", "y", "", 3.0).status()).isEmpty();
        assertThat(Figure.format(6543.21)).isEqualTo("6,543");
        assertThat(Figure.format(12.345)).isEqualTo("12.3");
        assertThat(Figure.format(0.0123)).isEqualTo("0.012");
    }

    @Test
    void theNextRunShowsThePreviousValuesBesideItsOwn(@TempDir Path dir) throws Exception {
        Report first = new Report("20250101T000000Z", "2025-01-01T00:00:00Z");
        first.commit = "abc1234";
        first.add(Figure.of("load.500.calls_per_s", "Load", "500 chargers: calls/s", "calls/s", 5000.0, atLeast("issue 6 a", 6500)));
        first.add(Figure.notMeasured("replay.events_per_s", "Replay", "replay rate", "events/s", "not selected"));
        first.write(dir);
        assertThat(dir.resolve("20250101T000000Z-abc1234.md")).exists();
        assertThat(dir.resolve("latest.md")).exists();

        Report second = new Report("20250102T000000Z", "2025-01-02T00:00:00Z");
        second.commit = "def5678";
        second.loadPrevious(dir.resolve("latest.json"));
        second.add(Figure.of("load.500.calls_per_s", "Load", "500 chargers: calls/s", "calls/s", 7000.0, atLeast("issue 6 a", 6500)));
        second.add(Figure.of("replay.events_per_s", "Replay", "replay rate", "events/s", 60000.0));
        second.add(Figure.of("new.figure", "Replay", "new", "", 1.0));
        second.write(dir);
        String md = Files.readString(dir.resolve("latest.md"));
        assertThat(md).contains("previous run: 2025-01-01T00:00:00Z, commit abc1234");
        assertThat(md).contains("| 500 chargers: calls/s | 7,000 calls/s | 5,000 (+40 %) | issue 6 a: ≥ 6,500 calls/s | met |");
        assertThat(md).contains("| replay rate | 60,000 events/s | not measured |");
        assertThat(md).contains("| new | 1 | – |");
        assertThat(Files.readString(dir.resolve("latest.json"))).contains("\"commit\" : \"def5678\"");
        assertThat(dir.resolve("20250102T000000Z-def5678.md")).exists();
        assertThat(Files.readString(dir.resolve("20250101T000000Z-abc1234.md"))).contains("5,000 calls/s");
    }
}
