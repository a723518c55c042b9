package io.chargeledger.api.transactions;

import static org.assertj.core.api.Assertions.assertThat;

import io.chargeledger.api.support.ApiIntegrationTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** transactionIds come from the sequence in blocks: never twice, also between nodes, and no block is wasted. */
class TransactionIdAllocationTest extends ApiIntegrationTest {

    @Autowired
    JdbcTransactionRegistry thisNode;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void concurrentStartsOnTwoNodesNeverShareATransactionId() throws Exception {
        // a second node: its own block of ids, the same sequence
        JdbcTransactionRegistry otherNode = new JdbcTransactionRegistry(jdbc);
        long sequenceBefore = jdbc.queryForObject("select last_value from transaction_id_seq", Long.class);
        int perCaller = 300;
        List<Callable<List<Integer>>> callers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            JdbcTransactionRegistry node = i % 2 == 0 ? thisNode : otherNode;
            callers.add(() -> {
                List<Integer> ids = new ArrayList<>();
                for (int n = 0; n < perCaller; n++) {
                    ids.add(node.allocateTransactionId());
                }
                return ids;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Integer> all = new ArrayList<>();
        try {
            for (Future<List<Integer>> ids : pool.invokeAll(callers)) {
                all.addAll(ids.get());
            }
        } finally {
            pool.shutdownNow();
        }

        Set<Integer> distinct = new HashSet<>(all);
        assertThat(all).hasSize(8 * perCaller).allMatch(id -> id > 0);
        assertThat(distinct).hasSize(all.size());
        long sequenceAfter = jdbc.queryForObject("select last_value from transaction_id_seq", Long.class);
        // each node leaves at most part of one block unused (plus what this node had reserved before the test)
        assertThat(sequenceAfter - sequenceBefore).isBetween((long) all.size() - 50, (long) all.size() + 2 * 50);
    }
}
