package io.chargeledger.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Samples the server while a workload runs: JVM resident set (VmRSS from /proc), heap used (Micrometer's
 * jvm.memory.used, area heap), the OCPP connections gauge, open file descriptors, PostgreSQL's memory (PSS summed
 * over its processes) and optionally the simulator's own connected count.
 */
final class ResourceSampler implements AutoCloseable {

    record Sample(double atSeconds, long rssKib, Double heapBytes, Double serverConnections, int openFiles,
                  long postgresPssKib, int simulatorConnected) {
    }

    private final ServerProcess server;
    private final AdminClient admin;
    private final Duration interval;
    private final IntSupplier simulatorConnected;
    private final List<Sample> samples = new ArrayList<>();
    private final Thread thread;
    private final long start = System.nanoTime();
    private volatile boolean running = true;

    ResourceSampler(ServerProcess server, AdminClient admin, Duration interval, IntSupplier simulatorConnected) {
        this.server = server;
        this.admin = admin;
        this.interval = interval;
        this.simulatorConnected = simulatorConnected;
        this.thread = new Thread(this::loop, "resource-sampler");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void loop() {
        while (running) {
            long t0 = System.nanoTime();
            try {
                Sample s = sampleNow();
                synchronized (samples) {
                    samples.add(s);
                }
            } catch (RuntimeException e) {
                // the server may be busy: try again next time
            }
            long sleep = interval.toMillis() - (System.nanoTime() - t0) / 1_000_000;
            if (sleep > 0) {
                try {
                    Thread.sleep(sleep);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    Sample sampleNow() {
        long rss = ProcessMemory.rssKib(server.pid());
        Double heap = safe(() -> admin.metric("jvm.memory.used", "area:heap"));
        Double conns = safe(() -> admin.metric("ocpp.connections", null));
        int fds = ProcessMemory.openFiles(server.pid());
        long pg = ProcessMemory.pssKib(ProcessMemory.postgresPids(server.dataDir()));
        int sim = simulatorConnected == null ? -1 : simulatorConnected.getAsInt();
        return new Sample((System.nanoTime() - start) / 1e9, rss, heap, conns, fds, pg, sim);
    }

    private static Double safe(java.util.function.Supplier<Double> s) {
        try {
            return s.get();
        } catch (RuntimeException e) {
            return null;
        }
    }

    List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    /** Samples taken from {@code fromSeconds} on (seconds since this sampler started). */
    List<Sample> since(double fromSeconds) {
        return samples().stream().filter(s -> s.atSeconds() >= fromSeconds).toList();
    }

    double elapsedSeconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    static double maxRssMib(List<Sample> s) {
        return s.stream().mapToLong(Sample::rssKib).max().orElse(-1) / 1024.0;
    }

    static Double maxHeapMib(List<Sample> s) {
        return s.stream().filter(x -> x.heapBytes() != null).mapToDouble(x -> x.heapBytes() / 1048576.0).boxed()
                .max(Double::compare).orElse(null);
    }

    static double maxPostgresMib(List<Sample> s) {
        return s.stream().mapToLong(Sample::postgresPssKib).max().orElse(0) / 1024.0;
    }

    /**
     * The live heap in MiB from the output of {@code jcmd <pid> GC.class_histogram}: its last line, "Total <instances>
     * <bytes>", counts the objects left after the full collection the JVM runs before it counts. Null if there is none.
     */
    static Double liveHeapMib(String histogram) {
        Matcher total = HISTOGRAM_TOTAL.matcher(histogram);
        return total.find() ? Long.parseLong(total.group(1)) / 1048576.0 : null;
    }

    private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$");

    static int maxOpenFiles(List<Sample> s) {
        return s.stream().mapToInt(Sample::openFiles).max().orElse(-1);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
