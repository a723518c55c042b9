package io.chargeledger.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Description of the machine a run was measured on, and the git commit measured. */
final class MachineInfo {

    private MachineInfo() {
    }

    static Map<String, String> describe(String java) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("CPUs (nproc)", Integer.toString(Runtime.getRuntime().availableProcessors()));
        m.put("CPU model", cpuModel());
        long memKib = ProcessMemory.kib(Path.of("/proc/meminfo"), "MemTotal");
        m.put("memory", memKib < 0 ? "unknown" : String.format("%.1f GiB (MemTotal %d kB)", memKib / 1048576.0, memKib));
        m.put("OS", osName() + ", kernel " + System.getProperty("os.version") + " (" + System.getProperty("os.arch") + ")");
        m.put("java -version", run(List.of(java, "-version"), Path.of(".")).replace('\n', ' ').trim());
        m.put("open files limit (this process and the server)", openFilesLimit());
        return m;
    }

    /** /proc/loadavg: 1, 5 and 15 minute load averages, running/total threads. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return "unknown";
    }

    static String osName() {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/os-release"), StandardCharsets.UTF_8)) {
                if (line.startsWith("PRETTY_NAME=")) {
                    return line.substring("PRETTY_NAME=".length()).replace("\"", "");
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return System.getProperty("os.name");
    }

    /** The soft open-files limit (ulimit -n) of this process, which the server it starts inherits; -1 if unknown. */
    static long openFilesSoftLimit() {
        String limit = openFilesLimit();
        if (!limit.startsWith("soft ")) {
            return -1;
        }
        String soft = limit.substring("soft ".length(), limit.indexOf(','));
        try {
            return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static String openFilesLimit() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"), StandardCharsets.UTF_8)) {
                if (line.startsWith("Max open files")) {
                    String[] parts = line.substring("Max open files".length()).trim().split("\\s+");
                    return "soft " + parts[0] + ", hard " + parts[1];
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return "unknown";
    }

    /** Short commit of HEAD and whether tracked files differ from it (read-only git commands). */
    static String[] gitCommit(Path repo) {
        String commit = run(List.of("git", "rev-parse", "--short", "HEAD"), repo).trim();
        if (commit.isEmpty() || commit.contains(" ")) {
            return new String[]{"unknown", "git not available"};
        }
        String dirty = exitCode(List.of("git", "diff-index", "--quiet", "HEAD", "--"), repo) == 0
                ? "clean (tracked files match the commit)" : "tracked files modified after this commit";
        return new String[]{commit, dirty};
    }

    static String run(List<String> command, Path dir) {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    static int exitCode(List<String> command, Path dir) {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
