package io.chargeledger.ocpp.server;

import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Bounds the handshakes checked at the same time. After a restart or a network outage every charger reconnects at
 * once, and each handshake costs a store lookup and a key hash: unbounded, they queue until the chargers time out and
 * retry, and the node spends its time on handshakes nobody waits for any more. Above the bound a handshake is answered
 * 503 at once with a spread-out Retry-After, so the chargers come back in turns.
 */
public final class HandshakeAdmission {

    private static final int MIN_RETRY_AFTER_SECONDS = 5;
    private static final int MAX_RETRY_AFTER_SECONDS = 30;

    private final Semaphore slots;

    public HandshakeAdmission(int maxConcurrentHandshakes) {
        if (maxConcurrentHandshakes < 1) {
            throw new IllegalArgumentException("max-concurrent-handshakes must be at least 1, was " + maxConcurrentHandshakes);
        }
        this.slots = new Semaphore(maxConcurrentHandshakes);
    }

    /** True when the handshake may proceed; it must then call {@link #release()} when done. */
    public boolean tryAdmit() {
        return slots.tryAcquire();
    }

    public void release() {
        slots.release();
    }

    /** Seconds for the Retry-After header: random, so refused chargers do not all return at the same moment. */
    public static int retryAfterSeconds() {
        return ThreadLocalRandom.current().nextInt(MIN_RETRY_AFTER_SECONDS, MAX_RETRY_AFTER_SECONDS + 1);
    }
}
