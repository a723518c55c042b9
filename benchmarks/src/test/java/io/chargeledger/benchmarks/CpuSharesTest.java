package io.chargeledger.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CpuSharesTest {

    @Test
    void readsBusyStealAndTotalFromTheCpuLine() {
        String procStat = """
                cpu  8443883 2155 1987142 5674267 35677 0 501297 7826 0 0
                cpu0 4221941 1077 993571 2837133 17838 0 250648 3913 0 0
                intr 1 2 3
                """;

        long[] machine = CpuShares.machine(procStat);

        assertThat(machine[0]).isEqualTo(8443883L + 2155 + 1987142 + 0 + 501297);
        assertThat(machine[1]).isEqualTo(7826L);
        assertThat(machine[2]).isEqualTo(machine[0] + 5674267L + 35677 + 7826);
        assertThat(CpuShares.machine("")).containsExactly(0, 0, 0);
    }

    @Test
    void readsAProcessTimesAfterACommandNameWithSpacesAndParentheses() {
        // fields 14-17: utime 1200, stime 300, cutime 50, cstime 7
        String pidStat = "4242 (postgres: a (b) c) S 1 4242 4242 0 -1 4194560 100 200 0 0 1200 300 50 7 20 0 1 0 "
                + "123 456789 1000 18446744073709551615";

        assertThat(CpuShares.processTicks(pidStat, false)).isEqualTo(1500);
        assertThat(CpuShares.processTicks(pidStat, true)).isEqualTo(1557);
        assertThat(CpuShares.processTicks("", true)).isZero();
    }

    @Test
    void sharesAddUpToTheBusyTimeAndNameWhatElseRan() {
        CpuShares start = new CpuShares(1000, 10, 2000, 100, 50, 20);
        // 1,000 ticks passed: 600 busy (server 300, PostgreSQL 100, benchmark 150, so 50 else), 20 stolen
        CpuShares end = new CpuShares(1600, 30, 3000, 400, 150, 170);

        assertThat(end.since(start, 2)).isEqualTo("busy 60.0 % (server 30.0 %, PostgreSQL 10.0 %, benchmark 15.0 %, "
                + "anything else 5.0 %), steal 2.0 %, of 2 CPUs");
        assertThat(start.since(start, 2)).isNull();
    }

    @Test
    void countsTheCpuThisProcessBurns() {
        long self = ProcessHandle.current().pid();
        CpuShares before = CpuShares.now(self, Path.of("/nonexistent-data-dir"));
        long until = System.nanoTime() + 300_000_000L;
        long iterations = 0;
        while (System.nanoTime() < until) {
            iterations++;
        }
        CpuShares after = CpuShares.now(self, Path.of("/nonexistent-data-dir"));

        assertThat(iterations).isPositive();
        assertThat(after.machineTotal()).isGreaterThan(before.machineTotal());
        assertThat(after.benchmark()).isGreaterThan(before.benchmark());
        // here the "server" is this process too, and no PostgreSQL runs on that data directory
        assertThat(after.server() - before.server()).isPositive();
        assertThat(after.postgres()).isZero();
    }
}
