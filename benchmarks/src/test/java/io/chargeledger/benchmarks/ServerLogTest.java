package io.chargeledger.benchmarks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ServerLogTest {

    @Test
    void countsAndGroupsWarningsErrorsAndExceptions(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("server.log");
        Files.writeString(log, """
                2026-11-25T11:31:07.920Z  INFO [] 12222 --- [chargeledger] [main] o.a.Foo : Started, no WARN here
                2026-11-25T11:31:07.920Z  WARN [] 12222 --- [chargeledger] [command-32] o.a.Snapshotter : snapshot failed for CP-00001
                2026-11-25T11:31:08.920Z  WARN [] 12222 --- [chargeledger] [command-7] o.a.Snapshotter : snapshot failed for CP-00002
                2026-11-25T11:31:09.000Z ERROR [CP-00003] 12222 --- [chargeledger] [ws-1] o.c.Handler : boom
                java.lang.IllegalStateException: boom
                \tat o.c.Handler.handle(Handler.java:1)
                Caused by: java.sql.SQLException: Connection is closed
                """);
        ServerLog.Scan s = ServerLog.scan(log);
        assertThat(s.lines()).isEqualTo(7);
        assertThat(s.warnings()).isEqualTo(2);
        assertThat(s.errors()).isEqualTo(1);
        assertThat(s.exceptionLines()).isEqualTo(2);
        assertThat(s.top(10)).hasSize(4);
        assertThat(s.top(1).get(0)).startsWith("2 x ").contains("snapshot failed for CP-00001");
    }
}
