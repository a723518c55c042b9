package io.chargeledger.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Memory of processes read from Linux's /proc. */
final class ProcessMemory {

    private ProcessMemory() {
    }

    /** A line like {@code VmRSS:   123456 kB} of /proc/<pid>/status (or Pss: of smaps_rollup), in KiB; -1 if unknown. */
    static long kib(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.startsWith(key + ":")) {
                    return parseKib(line);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    static long parseKib(String line) {
        String rest = line.substring(line.indexOf(':') + 1).trim();
        int space = rest.indexOf(' ');
        return Long.parseLong(space < 0 ? rest : rest.substring(0, space));
    }

    /** Resident set size of a process in KiB (VmRSS), -1 if gone. */
    static long rssKib(long pid) {
        return kib(Path.of("/proc", Long.toString(pid), "status"), "VmRSS");
    }

    /** Open file descriptors of a process, -1 if unknown. */
    static int openFiles(long pid) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            int n = 0;
            for (Path ignored : fds) {
                n++;
            }
            return n;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * The embedded PostgreSQL: its postmaster is found by its command line (which names the data directory), its
     * backends by their parent. Answers the pids (postmaster first), empty when not running.
     */
    static List<Long> postgresPids(Path dataDir) {
        List<Long> pids = new ArrayList<>();
        String marker = dataDir.toAbsolutePath().toString();
        Long postmaster = null;
        List<long[]> parents = new ArrayList<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString()
                .chars().allMatch(Character::isDigit))) {
            for (Path proc : procs) {
                long pid = Long.parseLong(proc.getFileName().toString());
                try {
                    String cmd = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8)
                            .replace('\0', ' ');
                    String stat = Files.readString(proc.resolve("stat"));
                    long ppid = Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
                    parents.add(new long[]{pid, ppid});
                    if (postmaster == null && cmd.contains("postgres") && cmd.contains(marker) && !cmd.contains("java")) {
                        postmaster = pid;
                    }
                } catch (IOException | RuntimeException gone) {
                    // process ended meanwhile
                }
            }
        } catch (IOException e) {
            return pids;
        }
        if (postmaster != null) {
            pids.add(postmaster);
            for (long[] p : parents) {
                if (p[1] == postmaster) {
                    pids.add(p[0]);
                }
            }
        }
        return pids;
    }

    /**
     * Proportional set size (shared pages divided among their users) summed over processes, in KiB: the fair total
     * for PostgreSQL, whose backends share its buffers. Falls back to VmRSS where smaps_rollup is unreadable.
     */
    static long pssKib(List<Long> pids) {
        long total = 0;
        for (long pid : pids) {
            long pss = kib(Path.of("/proc", Long.toString(pid), "smaps_rollup"), "Pss");
            if (pss < 0) {
                pss = rssKib(pid);
            }
            if (pss > 0) {
                total += pss;
            }
        }
        return total;
    }
}
