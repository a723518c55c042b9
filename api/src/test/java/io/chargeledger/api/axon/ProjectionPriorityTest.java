package io.chargeledger.api.axon;

import static org.assertj.core.api.Assertions.assertThat;

import io.chargeledger.api.support.ApiIntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** In the running application: who runs first under full load (Java priorities; see {@link ProjectionPriority}). */
class ProjectionPriorityTest extends ApiIntegrationTest {

    @Test
    void projectionsFollowingTheHeadAndTheirSharedReaderRunBeforeTheCommandThreads() {
        // answered once the charger list shows the new charger: a projection has just applied a live batch
        registerCharger("PRIO", "priority-key-0123456789");

        eventually(() -> assertThat(threadsNamed("EventProcessor[charger-view]"))
                .isNotEmpty().allSatisfy(thread -> assertThat(thread.getPriority()).isEqualTo(Thread.MAX_PRIORITY)));
        assertThat(threadsNamed("EmbeddedEventStore"))
                .isNotEmpty().allSatisfy(thread -> assertThat(thread.getPriority()).isEqualTo(Thread.MAX_PRIORITY));
        assertThat(threadsNamed("command-"))
                .isNotEmpty().allSatisfy(thread -> assertThat(thread.getPriority()).isEqualTo(Thread.NORM_PRIORITY));
    }

    private static List<Thread> threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith(prefix))
                .toList();
    }
}
