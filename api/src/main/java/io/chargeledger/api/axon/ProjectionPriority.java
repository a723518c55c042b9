package io.chargeledger.api.axon;

import java.util.concurrent.ThreadFactory;
import org.axonframework.common.AxonThreadFactory;

/**
 * The threads that keep read models up to date run before the threads that serve chargers.
 *
 * <p>Under full load every core is busy and the operating system queues each runnable thread in turn. A projection
 * makes several database round trips per batch and waits for a core after each one: measured under the closed-loop
 * load on two cores, the session view's thread ran 6.5 % of the time and waited for a core 57 % of it, and its lag
 * p99 was 334 ms. Its work is bounded by the rate events are stored, so running it first costs the chargers little.
 * A processor working through history (a replay, catching up after a stop) is not bounded that way and runs at normal
 * priority, as do the chargers' threads.
 *
 * <p>Java thread priorities reach Linux only with {@code -XX:ThreadPriorityPolicy=1} (the README's commands pass it),
 * and a priority above normal only with the right to raise one (root, or {@code CAP_SYS_NICE}); otherwise the JVM
 * ignores them and everything runs as before.
 */
final class ProjectionPriority {

    private ProjectionPriority() {
    }

    /** Called by a projection's thread as it starts a batch: live (near the head) or working through history. */
    static void batchStarting(boolean live) {
        int wanted = live ? Thread.MAX_PRIORITY : Thread.NORM_PRIORITY;
        Thread current = Thread.currentThread();
        if (current.getPriority() != wanted) {
            current.setPriority(wanted);
        }
    }

    /** Threads for the event store's shared reader, which reads the new events for every projection that follows. */
    static ThreadFactory readerThreads(String name) {
        ThreadGroup group = new ThreadGroup(name);
        return new AxonThreadFactory(Thread.MAX_PRIORITY, group);
    }
}
