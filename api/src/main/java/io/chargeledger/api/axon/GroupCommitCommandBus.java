package io.chargeledger.api.axon;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs commands on a few threads of its own, and stores the events of the commands that are waiting together, in one
 * database transaction (group commit).
 *
 * <p>Every command still runs in its own unit of work, exactly as on Axon's asynchronous command bus: its aggregate,
 * its interceptors, its correlation data. When several commands are waiting, a thread takes up to {@code maxGroup} of
 * them and runs their units of work nested in one outer unit of work, which holds the transaction: their events are
 * appended in one batch, the transaction registry written, and all of it committed once. Under load, that is one
 * commit (and one WAL flush) for many chargers' messages instead of one each. A command's callback (and so a
 * charger's CALLRESULT) is told only after the outer transaction committed.
 *
 * <p>A group stores all or nothing. If any command of a group fails, or storing the group fails before its commit,
 * nothing of the group is stored, and each of its commands runs again on its own, as it would have without grouping:
 * the failing one gets its own answer and the others are stored. Only if the commit itself fails (its outcome may be
 * unknown, so running the commands again could store them twice) every command of the group gets that error, as a
 * single command would.
 *
 * <p>Commands the group holds lock their aggregates until the group's commit. Two groups that need two aggregates in
 * opposite order are resolved by Axon's deadlock detection: the group fails and its commands run one by one.
 */
final class GroupCommitCommandBus extends SimpleCommandBus {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitCommandBus.class);

    private final TransactionManager transactionManager;
    private final int maxGroup;
    private final BlockingQueue<Pending<?, ?>> waiting = new LinkedBlockingQueue<>();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running = true;

    GroupCommitCommandBus(SimpleCommandBus.Builder builder, TransactionManager transactionManager, int threads,
                          int maxGroup) {
        super(builder.transactionManager(transactionManager));
        this.transactionManager = transactionManager;
        this.maxGroup = Math.max(1, maxGroup);
        for (int i = 1; i <= threads; i++) {
            Thread worker = new Thread(this::work, "command-" + i);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    /** A command handed to the bus, waiting for a thread. */
    private record Pending<C, R>(CommandMessage<C> command, MessageHandler<? super CommandMessage<?>> handler,
                                 CommandCallback<? super C, ? super R> callback) {
    }

    @Override
    protected <C, R> void handle(CommandMessage<C> command, MessageHandler<? super CommandMessage<?>> handler,
                                 CommandCallback<? super C, ? super R> callback) {
        waiting.add(new Pending<>(command, handler, callback));
    }

    /** Stops taking new work once what is waiting has run (like shutting down an executor). */
    public void shutdown() {
        running = false;
    }

    private void work() {
        List<Pending<?, ?>> group = new ArrayList<>(maxGroup);
        while (running || !waiting.isEmpty()) {
            try {
                Pending<?, ?> first = waiting.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                waiting.drainTo(group, maxGroup - 1);
                if (group.size() == 1) {
                    isolated(() -> runAlone(first));
                } else {
                    isolated(() -> runGrouped(group));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                group.clear();
            }
        }
    }

    private <C, R> void runAlone(Pending<C, R> pending) {
        super.handle(pending.command(), pending.handler(), pending.callback());
    }

    private void runGrouped(List<Pending<?, ?>> group) {
        List<Answer<?, ?>> answers = new ArrayList<>(group.size());
        boolean[] commitStarted = {false};
        UnitOfWork<?> outer = DefaultUnitOfWork.startAndGet(group.get(0).command());
        boolean stored;
        try {
            outer.attachTransaction(transactionManager);
            // commit handlers run in reverse order of registration: this one runs just before the transaction's
            // commit; past it, the outcome of a failed commit is unknown
            outer.onCommit(u -> commitStarted[0] = true);
            boolean allHandled = true;
            for (Pending<?, ?> pending : group) {
                Answer<?, ?> answer = handleNested(pending);
                answers.add(answer);
                if (answer.result().isExceptional()) {
                    allHandled = false;
                    break;
                }
            }
            if (allHandled) {
                outer.commit();
                stored = true;
            } else {
                outer.rollback();
                stored = false;
            }
        } catch (RuntimeException | Error e) {
            if (outer.isActive()) {
                outer.rollback(e);
            }
            if (commitStarted[0]) {
                log.warn("Committing a group of {} commands failed", group.size(), e);
                group.forEach(pending -> isolated(() -> fail(pending, e)));
                return;
            }
            stored = false;
        }
        if (stored) {
            answers.forEach(answer -> isolated(answer::deliver));
        } else {
            // nothing of the group is stored: each command again, on its own
            group.forEach(pending -> isolated(() -> runAlone(pending)));
        }
    }

    /** A callback that throws must not keep the other commands of its group from their answers. */
    private static void isolated(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            log.error("Unexpected error while answering a command", e);
        }
    }

    private <C, R> Answer<C, R> handleNested(Pending<C, R> pending) {
        Answer<C, R> answer = new Answer<>(pending);
        // a nested unit of work: its events go to the outer one, its transaction joins the outer one
        super.handle(pending.command(), pending.handler(), answer);
        return answer;
    }

    @SuppressWarnings("unchecked")
    private static <C, R> void fail(Pending<C, R> pending, Throwable error) {
        pending.callback().onResult(pending.command(),
                (CommandResultMessage<R>) GenericCommandResultMessage.asCommandResultMessage(error));
    }

    /** A command's result, held back until its group is stored. */
    private static final class Answer<C, R> implements CommandCallback<C, R> {

        private final Pending<C, R> pending;
        private CommandResultMessage<? extends R> result;

        Answer(Pending<C, R> pending) {
            this.pending = pending;
        }

        @Override
        public void onResult(CommandMessage<? extends C> command, CommandResultMessage<? extends R> result) {
            this.result = result;
        }

        CommandResultMessage<? extends R> result() {
            return result;
        }

        @SuppressWarnings("unchecked")
        void deliver() {
            ((CommandCallback<C, R>) pending.callback()).onResult(pending.command(), (CommandResultMessage<R>) result);
        }
    }
}
