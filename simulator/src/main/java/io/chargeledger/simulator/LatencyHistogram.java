package io.chargeledger.simulator;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Lock-free log-linear histogram of latencies in microseconds (HdrHistogram-like layout,
 * written from scratch): values below 64 are exact, above that every power of two is split
 * into 64 linear sub-buckets, so any recorded value is reported within ~1.6 %.
 * Percentiles report the upper bound of the bucket that holds them (never optimistic);
 * max, count and sum are exact.
 */
public final class LatencyHistogram {

    private static final int SUB_BITS = 6;
    private static final int SUB_COUNT = 1 << SUB_BITS;            // 64
    private static final int MAX_EXPONENT = 42;                     // ~ 51 days in µs
    private static final int BUCKETS = SUB_COUNT + (MAX_EXPONENT - SUB_BITS + 1) * SUB_COUNT;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final LongAdder count = new LongAdder();
    private final LongAdder sum = new LongAdder();
    private final AtomicLong max = new AtomicLong();

    /** Records one latency in microseconds (negative values count as 0). */
    public void recordMicros(long micros) {
        long v = Math.max(0, micros);
        counts.incrementAndGet(indexOf(v));
        count.increment();
        sum.add(v);
        long m;
        while (v > (m = max.get())) {
            if (max.compareAndSet(m, v)) {
                break;
            }
        }
    }

    static int indexOf(long v) {
        if (v < SUB_COUNT) {
            return (int) v;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(v);           // >= SUB_BITS
        if (exponent > MAX_EXPONENT) {
            return BUCKETS - 1;
        }
        int mantissa = (int) ((v >>> (exponent - SUB_BITS)) & (SUB_COUNT - 1));
        return SUB_COUNT + (exponent - SUB_BITS) * SUB_COUNT + mantissa;
    }

    /** Highest value that falls into bucket {@code index}. */
    static long upperBoundOf(int index) {
        if (index < SUB_COUNT) {
            return index;
        }
        int exponent = (index - SUB_COUNT) / SUB_COUNT + SUB_BITS;
        int mantissa = (index - SUB_COUNT) % SUB_COUNT;
        long lower = ((long) (SUB_COUNT + mantissa)) << (exponent - SUB_BITS);
        return lower + (1L << (exponent - SUB_BITS)) - 1;
    }

    public long count() {
        return count.sum();
    }

    public long maxMicros() {
        return max.get();
    }

    public double meanMicros() {
        long n = count.sum();
        return n == 0 ? 0 : (double) sum.sum() / n;
    }

    /** Value at the given percentile (0..100], in microseconds; 0 when empty. */
    public long percentileMicros(double percentile) {
        long[] snapshot = new long[BUCKETS];
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            snapshot[i] = counts.get(i);
            total += snapshot[i];
        }
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(percentile / 100.0 * total);
        rank = Math.max(1, Math.min(total, rank));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += snapshot[i];
            if (seen >= rank) {
                return Math.min(upperBoundOf(i), max.get());
            }
        }
        return max.get();
    }

    /** Immutable summary in milliseconds. */
    public Summary.Latency summary() {
        return new Summary.Latency(count(),
                percentileMicros(50) / 1000.0, percentileMicros(90) / 1000.0,
                percentileMicros(99) / 1000.0, maxMicros() / 1000.0, meanMicros() / 1000.0);
    }
}
