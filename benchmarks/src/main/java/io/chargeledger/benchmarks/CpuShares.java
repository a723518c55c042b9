package io.chargeledger.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Where the machine's CPU time went while a workload ran: the server, its PostgreSQL, this benchmark (the load
 * generator), anything else, and what the hypervisor took (steal). Two full runs of the same commit on this kind of
 * machine differed by a quarter in throughput, every workload at once; these shares tell a slower machine (steal,
 * another process) from slower code.
 *
 * <p>All counters are clock ticks from /proc: the machine's from the {@code cpu} line of /proc/stat, a process's
 * from fields 14-17 of /proc/&lt;pid&gt;/stat (its own user and system time, and that of its children which ended:
 * for the postmaster, the backends that closed meanwhile).
 */
record CpuShares(long machineBusy, long machineSteal, long machineTotal, long server, long postgres, long benchmark) {

    /** The counters now (zeros where /proc cannot be read). */
    static CpuShares now(long serverPid, Path serverDataDir) {
        long[] machine = machine(read(Path.of("/proc/stat")));
        long postgres = 0;
        List<Long> pids = ProcessMemory.postgresPids(serverDataDir);
        for (int i = 0; i < pids.size(); i++) {
            // the postmaster (first) also counts the backends that ended; a live backend counts only itself
            postgres += processTicks(read(Path.of("/proc", pids.get(i).toString(), "stat")), i == 0);
        }
        return new CpuShares(machine[0], machine[1], machine[2],
                processTicks(read(Path.of("/proc", Long.toString(serverPid), "stat")), false), postgres,
                processTicks(read(Path.of("/proc/self/stat")), false));
    }

    /** busy, steal and total ticks of the {@code cpu} line of /proc/stat; zeros if absent. */
    static long[] machine(String procStat) {
        for (String line : procStat.split("\n")) {
            if (line.startsWith("cpu ")) {
                String[] f = line.trim().split("\\s+");
                long user = at(f, 1), nice = at(f, 2), system = at(f, 3), idle = at(f, 4), iowait = at(f, 5);
                long irq = at(f, 6), softirq = at(f, 7), steal = at(f, 8);
                // guest time is already inside user and nice
                long busy = user + nice + system + irq + softirq;
                return new long[]{busy, steal, busy + idle + iowait + steal};
            }
        }
        return new long[3];
    }

    /** utime + stime (+ cutime + cstime with {@code withEndedChildren}) of a /proc/&lt;pid&gt;/stat line; 0 if absent. */
    static long processTicks(String pidStat, boolean withEndedChildren) {
        int commEnd = pidStat.lastIndexOf(')');
        if (commEnd < 0) {
            return 0;
        }
        // after the command name: state is field 3, utime 14, stime 15, cutime 16, cstime 17
        String[] f = pidStat.substring(commEnd + 2).trim().split("\\s+");
        long own = at(f, 11) + at(f, 12);
        return withEndedChildren ? own + at(f, 13) + at(f, 14) : own;
    }

    /** The shares of the interval from {@code start} to this, in % of all CPUs; null if nothing was counted. */
    String since(CpuShares start, int cpus) {
        long total = machineTotal - start.machineTotal;
        if (total <= 0) {
            return null;
        }
        long busy = machineBusy - start.machineBusy;
        long serverTicks = server - start.server;
        long postgresTicks = postgres - start.postgres;
        long benchmarkTicks = benchmark - start.benchmark;
        long other = Math.max(0, busy - serverTicks - postgresTicks - benchmarkTicks);
        return String.format(Locale.ROOT, "busy %s (server %s, PostgreSQL %s, benchmark %s, anything else %s), "
                        + "steal %s, of %d CPUs",
                percent(busy, total), percent(serverTicks, total), percent(postgresTicks, total),
                percent(benchmarkTicks, total), percent(other, total), percent(machineSteal - start.machineSteal, total),
                cpus);
    }

    private static String percent(long part, long total) {
        return String.format(Locale.ROOT, "%.1f %%", 100.0 * part / total);
    }

    private static long at(String[] fields, int index) {
        try {
            return index < fields.length ? Long.parseLong(fields[index]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
