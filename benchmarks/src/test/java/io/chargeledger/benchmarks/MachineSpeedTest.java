package io.chargeledger.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineSpeedTest {

    @Test
    void hashesAtAFiniteRate() {
        double rate = MachineSpeed.sha256MegabytesPerSecond();

        assertThat(rate).isPositive().isFinite();
    }

    @Test
    void timesSyncedWritesAndLeavesNoFileBehind(@TempDir Path dir) throws IOException {
        double micros = MachineSpeed.syncedWriteMicros(dir, 20);

        assertThat(micros).isPositive();
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }
}
