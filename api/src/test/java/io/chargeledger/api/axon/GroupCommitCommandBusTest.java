package io.chargeledger.api.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bus on Axon's in-memory event store, with a transaction manager that records what it is asked (nested units of
 * work join the transaction of the outer one, as Spring's do). One command thread: the first command holds it while
 * the next ones wait, so they form a group.
 */
class GroupCommitCommandBusTest {

    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final RecordingTransactions transactions = new RecordingTransactions(log);
    private final List<Integer> appendedBatches = Collections.synchronizedList(new ArrayList<>());
    private final InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine() {
        @Override
        public void appendEvents(List<? extends EventMessage<?>> events) {
            appendedBatches.add(events.size());
            super.appendEvents(events);
        }
    };
    private final EmbeddedEventStore eventStore = EmbeddedEventStore.builder().storageEngine(storage).build();
    private final Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();
    private final Map<String, Boolean> ranNested = new ConcurrentHashMap<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final GroupCommitCommandBus bus = new GroupCommitCommandBus(SimpleCommandBus.builder(), transactions, 1, 8);

    /** "hold" waits for the test; "fail..." throws; anything else stores one event naming it. */
    GroupCommitCommandBusTest() {
        bus.subscribe(String.class.getName(), command -> {
            String name = (String) command.getPayload();
            handled.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
            ranNested.put(name, CurrentUnitOfWork.get().parent().isPresent());
            if (name.equals("hold")) {
                release.await(10, TimeUnit.SECONDS);
            }
            if (name.startsWith("fail")) {
                throw new IllegalStateException(name + " breaks a rule");
            }
            eventStore.publish(GenericEventMessage.asEventMessage("stored " + name));
            return name + " done";
        });
    }

    @AfterEach
    void stop() {
        release.countDown();
        bus.shutdown();
        eventStore.shutDown();
    }

    @Test
    void commandsThatWaitTogetherAreStoredInOneTransactionAndAnsweredAfterItsCommit() throws InterruptedException {
        Results results = dispatchWhileHeld("c1", "c2", "c3", "c4", "c5");

        assertThat(results.await()).isTrue();
        assertThat(appendedBatches).containsExactly(1, 5);
        assertThat(transactions.begun()).isEqualTo(2);
        assertThat(log).containsSubsequence("begin 2", "commit 2", "answer c1");
        assertThat(log.indexOf("commit 2")).isLessThan(Stream.of("c1", "c2", "c3", "c4", "c5")
                .mapToInt(name -> log.indexOf("answer " + name)).min().orElseThrow());
        assertThat(results.payloads()).containsExactly("hold done", "c1 done", "c2 done", "c3 done", "c4 done", "c5 done");
        assertThat(ranNested).containsEntry("hold", false).containsEntry("c1", true).containsEntry("c5", true);
        assertThat(storedEvents()).containsExactly("stored hold", "stored c1", "stored c2", "stored c3", "stored c4",
                "stored c5");
    }

    @Test
    void whenOneCommandOfAGroupFailsNothingOfTheGroupIsStoredAndEachRunsAgainAlone() throws InterruptedException {
        Results results = dispatchWhileHeld("c1", "fail-2", "c3");

        assertThat(results.await()).isTrue();
        assertThat(results.payloads()).containsExactly("hold done", "c1 done", null, "c3 done");
        assertThat(results.errors().get(2)).hasMessage("fail-2 breaks a rule");
        // the group rolled back before anything was appended; then one transaction per command
        assertThat(log).containsSubsequence("begin 2", "rollback 2", "begin 3", "commit 3", "answer c1", "begin 4",
                "rollback 4", "answer fail-2", "begin 5", "commit 5", "answer c3");
        assertThat(appendedBatches).containsExactly(1, 1, 1);
        assertThat(storedEvents()).containsExactly("stored hold", "stored c1", "stored c3");
        assertThat(handled.get("c1")).hasValue(2);
        assertThat(ranNested).containsEntry("c1", false).containsEntry("c3", false);
    }

    @Test
    void whenTheGroupsCommitFailsEveryCommandGetsThatErrorAndNoneRunsAgain() throws InterruptedException {
        transactions.failCommitOf(2);
        Results results = dispatchWhileHeld("c1", "c2", "c3");

        assertThat(results.await()).isTrue();
        assertThat(results.payloads()).containsExactly("hold done", null, null, null);
        assertThat(results.errors().subList(1, 4)).allSatisfy(error -> assertThat(error).hasMessage("commit 2 refused"));
        assertThat(handled.get("c1")).hasValue(1);
        assertThat(handled.get("c3")).hasValue(1);
        assertThat(transactions.begun()).isEqualTo(2);
    }

    @Test
    void aCommandThatWaitsAloneRunsInATransactionOfItsOwn() throws InterruptedException {
        release.countDown();
        Results results = new Results(1);
        dispatch("single", results, 0);

        assertThat(results.await()).isTrue();
        assertThat(results.payloads()).containsExactly("single done");
        assertThat(ranNested).containsEntry("single", false);
        assertThat(log).containsExactly("begin 1", "commit 1", "answer single");
    }

    /** Dispatches "hold" and, while it holds the command thread, the given commands; then lets it go. */
    private Results dispatchWhileHeld(String... names) throws InterruptedException {
        Results results = new Results(names.length + 1);
        dispatch("hold", results, 0);
        awaitHandled("hold");
        for (int i = 0; i < names.length; i++) {
            dispatch(names[i], results, i + 1);
        }
        release.countDown();
        return results;
    }

    private void dispatch(String name, Results results, int index) {
        CommandMessage<String> command = GenericCommandMessage.asCommandMessage(name);
        bus.dispatch(command, (CommandMessage<? extends String> message, CommandResultMessage<?> result) -> {
            log.add("answer " + name);
            results.record(index, result);
        });
    }

    private void awaitHandled(String name) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!handled.containsKey(name) && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(handled).containsKey(name);
    }

    private List<Object> storedEvents() {
        return storage.readEvents(null, false).map(EventMessage::getPayload).map(Object.class::cast).toList();
    }

    /** Each command's result by dispatch order. */
    private static final class Results {

        private final Object[] payloads;
        private final Throwable[] errors;
        private final CountDownLatch done;

        Results(int count) {
            payloads = new Object[count];
            errors = new Throwable[count];
            done = new CountDownLatch(count);
        }

        synchronized void record(int index, CommandResultMessage<?> result) {
            if (result.isExceptional()) {
                errors[index] = result.exceptionResult();
            } else {
                payloads[index] = result.getPayload();
            }
            done.countDown();
        }

        boolean await() throws InterruptedException {
            return done.await(10, TimeUnit.SECONDS);
        }

        synchronized List<Object> payloads() {
            return Arrays.asList(payloads.clone());
        }

        synchronized List<Throwable> errors() {
            return Arrays.asList(errors.clone());
        }
    }

    /** Numbers the transactions it begins; a transaction begun while one is open on the thread joins it. */
    private static final class RecordingTransactions implements TransactionManager {

        private final List<String> log;
        private final ThreadLocal<Integer> open = new ThreadLocal<>();
        private final AtomicInteger begun = new AtomicInteger();
        private volatile int failingCommit;

        RecordingTransactions(List<String> log) {
            this.log = log;
        }

        void failCommitOf(int transaction) {
            failingCommit = transaction;
        }

        int begun() {
            return begun.get();
        }

        @Override
        public Transaction startTransaction() {
            if (open.get() != null) {
                return new Transaction() {
                    @Override
                    public void commit() {
                    }

                    @Override
                    public void rollback() {
                    }
                };
            }
            int number = begun.incrementAndGet();
            open.set(number);
            log.add("begin " + number);
            return new Transaction() {
                @Override
                public void commit() {
                    open.remove();
                    if (number == failingCommit) {
                        log.add("commit " + number + " refused");
                        throw new IllegalStateException("commit " + number + " refused");
                    }
                    log.add("commit " + number);
                }

                @Override
                public void rollback() {
                    open.remove();
                    log.add("rollback " + number);
                }
            };
        }
    }
}
