package io.chargeledger.api.axon;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives back the heap a read model's catch-up grew, by asking G1 for one concurrent marking cycle once a processor has
 * caught up with a long history (a replay, a start after a long stop; {@link CatchUpBatchingSource}).
 * <p>
 * Working through a million events, G1 grows the heap (to 615-623 MiB committed in the benchmark's replay, GC logs),
 * and it returns memory only at the end of a marking cycle. Following the head afterwards, the old generation stayed
 * below the occupancy at which G1 starts one, so the heap stayed committed: 19,500 chargers connected after a replay
 * then held 1,032-1,066 MiB RSS. With this, two cycles right after the replay took the committed heap from 623 to 332
 * MiB, and the chargers held 910 MiB (benchmark {@code --workloads replay,connections --hold 60}). A fixed initiating
 * occupancy (45 %) also started those cycles, but under steady load ran them back to back in a small heap: about 30
 * Remark pauses of ~18 ms in a minute at 1,000 calls/s, and p99 latency 20.0 ms instead of 12.4 (issue 6 b).
 * <p>
 * {@code System.gc()} starts a concurrent cycle when the JVM runs with {@code -XX:+ExplicitGCInvokesConcurrent} (the
 * README's command, the Dockerfile and the benchmark start it so). Without that flag it would stop every thread for a
 * full collection, so then nothing is asked. It runs on a thread of its own: with the flag, {@code System.gc()} waits
 * for the cycle to end.
 */
public final class HeapReturn {

    private static final Logger log = LoggerFactory.getLogger(HeapReturn.class);

    private final boolean concurrentCycles;
    private final Runnable collect;
    private final AtomicBoolean running = new AtomicBoolean();

    /** For this JVM: asks {@code System.gc()} for a cycle when its flags make that a concurrent one. */
    public HeapReturn() {
        this(explicitCollectionIsConcurrent(), System::gc);
    }

    HeapReturn(boolean concurrentCycles, Runnable collect) {
        this.concurrentCycles = concurrentCycles;
        this.collect = collect;
    }

    /** Whether {@link #caughtUp(String, long)} asks for cycles in this JVM. */
    public boolean enabled() {
        return concurrentCycles;
    }

    /**
     * A processor caught up after {@code events} events in history: asks for one concurrent cycle, unless one asked
     * for is still running. Returns at once.
     */
    public void caughtUp(String processor, long events) {
        if (!concurrentCycles || !running.compareAndSet(false, true)) {
            return;
        }
        log.info("{} caught up after {} events in history: asking for a concurrent GC cycle to return the heap it grew",
                processor, events);
        Thread thread = new Thread(() -> {
            try {
                collect.run();
            } finally {
                running.set(false);
            }
        }, "heap-return");
        thread.setDaemon(true);
        thread.start();
    }

    /** True when this JVM runs G1 with -XX:+ExplicitGCInvokesConcurrent. */
    static boolean explicitCollectionIsConcurrent() {
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return "true".equals(vm.getVMOption("UseG1GC").getValue())
                    && "true".equals(vm.getVMOption("ExplicitGCInvokesConcurrent").getValue());
        } catch (RuntimeException notHotSpot) {
            return false;
        }
    }
}
