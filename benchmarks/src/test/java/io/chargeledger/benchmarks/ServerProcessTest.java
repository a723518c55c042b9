package io.chargeledger.benchmarks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ServerProcessTest {

    @Test
    void usesTheClassDataArchiveBesideTheJarWhenTheBuildRecordedOne(@TempDir Path dir) throws Exception {
        Path jar = Files.createFile(dir.resolve("chargeledger.jar"));
        assertThat(ServerProcess.jvmOptions(jar)).containsExactly("-Xmx1g", "-XX:+UseG1GC", "-XX:ThreadPriorityPolicy=1",
                "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:GCTimeRatio=4",
                "-XX:+ExplicitGCInvokesConcurrent");

        Path archive = Files.createFile(dir.resolve("chargeledger.jsa"));
        assertThat(ServerProcess.jvmOptions(jar))
                .containsExactly("-Xmx1g", "-XX:+UseG1GC", "-XX:ThreadPriorityPolicy=1", "-XX:MinHeapFreeRatio=10",
                        "-XX:MaxHeapFreeRatio=30", "-XX:GCTimeRatio=4", "-XX:+ExplicitGCInvokesConcurrent",
                        "-XX:SharedArchiveFile=" + archive.toAbsolutePath());
    }
}
