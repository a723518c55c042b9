package io.chargeledger.simulator;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs tasks one at a time, in submission order, on a shared pool: a tiny actor mailbox.
 * Every piece of one charge point's state is touched only from its own serial executor,
 * so thousands of charge points share a handful of threads without locks.
 */
final class SerialExecutor implements Executor {

    private static final int BATCH = 64;

    private final Executor pool;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Thread.UncaughtExceptionHandler onError;

    SerialExecutor(Executor pool, Thread.UncaughtExceptionHandler onError) {
        this.pool = pool;
        this.onError = onError;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        trySchedule();
    }

    private void trySchedule() {
        if (!tasks.isEmpty() && scheduled.compareAndSet(false, true)) {
            try {
                pool.execute(this::drain);
            } catch (RejectedExecutionException shuttingDown) {
                scheduled.set(false);
                tasks.clear();
            }
        }
    }

    private void drain() {
        try {
            for (int i = 0; i < BATCH; i++) {
                Runnable next = tasks.poll();
                if (next == null) {
                    break;
                }
                try {
                    next.run();
                } catch (Throwable t) {
                    onError.uncaughtException(Thread.currentThread(), t);
                }
            }
        } finally {
            scheduled.set(false);
            trySchedule();
        }
    }
}
