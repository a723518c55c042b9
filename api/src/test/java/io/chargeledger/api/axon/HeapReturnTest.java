package io.chargeledger.api.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HeapReturnTest {

    @Test
    void asksForNothingWhenACollectionWouldStopEveryThread() {
        AtomicInteger collections = new AtomicInteger();
        HeapReturn heapReturn = new HeapReturn(false, collections::incrementAndGet);

        heapReturn.caughtUp("session-view", 1_000_000);

        assertThat(heapReturn.enabled()).isFalse();
        assertThat(collections).hasValue(0);
    }

    @Test
    void asksForOneCycleAtATimeOnAThreadOfItsOwn() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger collections = new AtomicInteger();
        StringBuilder thread = new StringBuilder();
        HeapReturn heapReturn = new HeapReturn(true, () -> {
            thread.append(Thread.currentThread().getName());
            collections.incrementAndGet();
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        // returns at once although the collection is still running
        heapReturn.caughtUp("charger-view", 200_000);
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        // a second processor catching up meanwhile: the running cycle serves it too
        heapReturn.caughtUp("session-view", 300_000);
        release.countDown();

        assertThat(collections).hasValue(1);
        assertThat(thread).hasToString("heap-return");
    }

    @Test
    void asksAgainOnceTheCycleItAskedForEnded() throws InterruptedException {
        CountDownLatch twice = new CountDownLatch(2);
        HeapReturn heapReturn = new HeapReturn(true, twice::countDown);

        heapReturn.caughtUp("charger-view", 200_000);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (twice.getCount() == 2 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        // the first cycle's thread frees the way as it ends; asked again (until then ignored), a second one starts
        while (twice.getCount() == 1 && System.nanoTime() < deadline) {
            heapReturn.caughtUp("charger-view", 200_000);
            Thread.sleep(5);
        }

        assertThat(twice.getCount()).isZero();
    }

    @Test
    void readsTheFlagThisJvmRunsWith() {
        boolean flagGiven = ManagementFactory.getRuntimeMXBean().getInputArguments()
                .contains("-XX:+ExplicitGCInvokesConcurrent");

        assertThat(HeapReturn.explicitCollectionIsConcurrent()).isEqualTo(flagGiven);
        assertThat(new HeapReturn().enabled()).isEqualTo(flagGiven);
    }
}
