package io.chargeledger.benchmarks;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProjectionLagProbeTest {

    private static final long MS = 1_000_000;

    private static ProjectionLagProbe.Sample sample(long ms, long head, long position) {
        return new ProjectionLagProbe.Sample(ms * MS, Map.of("view", new long[]{head, position}));
    }

    @Test
    void lagIsTheTimeFromAHeadFirstSeenToThePositionReachingIt() {
        List<ProjectionLagProbe.Sample> s = List.of(
                sample(0, 100, 100),     // before the window's first head: not measured
                sample(25, 110, 100),    // head 110 first seen at 25
                sample(50, 120, 110),    // 110 projected at 50 -> 25 ms; head 120 first seen
                sample(75, 120, 115),
                sample(100, 130, 130),   // 120 projected at 100 -> 50 ms; 130 seen and projected at 100 -> 0 ms
                sample(125, 140, 130));  // 140 never projected
        Map<String, ProjectionLagProbe.LagStats> r = ProjectionLagProbe.compute(s, Long.MAX_VALUE);
        ProjectionLagProbe.LagStats v = r.get("view");
        assertThat(v.heads()).isEqualTo(4);
        assertThat(v.unresolved()).isEqualTo(1);
        assertThat(v.p50()).isEqualTo(25.0);
        assertThat(v.max()).isEqualTo(50.0);
        assertThat(v.p99()).isEqualTo(50.0);
        assertThat(v.maxEventsBehind()).isEqualTo(10);
    }

    @Test
    void headsAfterTheWindowAreNotMeasuredButLaterSamplesResolveEarlierHeads() {
        List<ProjectionLagProbe.Sample> s = new ArrayList<>(List.of(sample(0, 10, 10), sample(10, 20, 10),
                sample(20, 30, 15)));
        s.add(sample(30, 40, 15));     // after the window end (25): resolves nothing for 20 or 30 yet
        s.add(sample(40, 50, 30));     // 20 and 30 reached
        ProjectionLagProbe.LagStats v = ProjectionLagProbe.compute(s, 25 * MS).get("view");
        assertThat(v.heads()).isEqualTo(2);
        assertThat(v.unresolved()).isZero();
        assertThat(v.max()).isEqualTo(30.0);          // head 20 seen at 10, reached at 40
        assertThat(v.p50()).isEqualTo(20.0);          // head 30 seen at 20, reached at 40
    }

    @Test
    void nearestRankPercentiles() {
        double[] v = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertThat(ProjectionLagProbe.rank(v, 50)).isEqualTo(5);
        assertThat(ProjectionLagProbe.rank(v, 99)).isEqualTo(10);
        assertThat(ProjectionLagProbe.rank(v, 90)).isEqualTo(9);
        assertThat(ProjectionLagProbe.rank(new double[0], 99)).isNaN();
    }

    @Test
    void parsesTheProjectionsEndpoint() throws Exception {
        var json = AdminClient.JSON.readTree("""
                [{"name":"charger-view","mode":"pooled","position":40,"head":42},
                 {"name":"transaction-lookup","mode":"subscribing","position":null,"head":42}]""");
        ProjectionLagProbe.Sample s = ProjectionLagProbe.parse(7, json);
        assertThat(s.processors()).containsOnlyKeys("charger-view");
        assertThat(s.processors().get("charger-view")).containsExactly(42, 40);
    }
}
