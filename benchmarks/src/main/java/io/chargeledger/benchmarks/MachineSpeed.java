package io.chargeledger.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Two quick probes of the machine itself, taken before the server starts and after it stopped: how fast one thread
 * computes, and how long one durable write takes where the server's data directory lives. On a shared virtual
 * machine both vary from hour to hour (two full runs of one commit here differed by a quarter in every workload, with
 * no CPU stolen and nothing else running); beside the previous run's values they tell a slower machine from slower code.
 */
final class MachineSpeed {

    private static final int HASHED_BYTES = 16 << 20;

    private MachineSpeed() {
    }

    /** SHA-256 throughput of one thread, MB/s: the best of five passes over 16 MiB, after three to warm up. */
    static double sha256MegabytesPerSecond() {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] data = new byte[HASHED_BYTES];
        Arrays.fill(data, (byte) 0x5a);
        long best = Long.MAX_VALUE;
        for (int pass = 0; pass < 8; pass++) {
            long t0 = System.nanoTime();
            digest.update(data);
            digest.digest();
            long took = System.nanoTime() - t0;
            if (pass >= 3) {
                best = Math.min(best, took);
            }
        }
        return HASHED_BYTES / 1e6 / (best / 1e9);
    }

    /**
     * Median time of {@code count} writes of 8 KiB (one WAL page) each followed by fdatasync, in microseconds: what a
     * commit waits for, the way PostgreSQL syncs its WAL on Linux by default. In a temporary file in {@code dir}, deleted.
     */
    static double syncedWriteMicros(Path dir, int count) {
        Path file = null;
        try {
            file = Files.createTempFile(dir, "sync-probe-", ".bin");
            long[] nanos = new long[count];
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ByteBuffer page = ByteBuffer.allocate(8192);
                for (int i = 0; i < count; i++) {
                    page.clear();
                    long t0 = System.nanoTime();
                    channel.write(page, 0);
                    channel.force(false);
                    nanos[i] = System.nanoTime() - t0;
                }
            }
            Arrays.sort(nanos);
            return nanos[count / 2] / 1000.0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file
                }
            }
        }
    }
}
