package io.chargeledger.api.persistence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After the JVM was killed (kill -9, power loss of the JVM only), its embedded postmaster may still run and
 * hold the data directory. Stop it cleanly so the next start can take over; PostgreSQL's own crash recovery
 * handles the rest.
 */
final class StalePostmaster {

    private static final Logger log = LoggerFactory.getLogger(StalePostmaster.class);

    private StalePostmaster() {
    }

    static void stopIfRunning(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException unreadable) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(handle -> handle.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (process.isEmpty()) {
            return;
        }
        log.warn("A postmaster (pid {}) from an earlier run still holds {}; stopping it", pid, pgData);
        process.get().destroy(); // SIGTERM: PostgreSQL's "smart" shutdown
        try {
            process.get().onExit().get(60, TimeUnit.SECONDS);
        } catch (Exception notStopped) {
            throw new IOException("Could not stop the stale postmaster " + pid + " holding " + pgData, notStopped);
        }
    }
}
