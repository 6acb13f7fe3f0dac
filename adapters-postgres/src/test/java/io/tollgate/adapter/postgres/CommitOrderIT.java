package io.tollgate.adapter.postgres;

import static io.tollgate.adapter.postgres.Fixtures.consumer;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.port.DatabaseOutages;
import io.tollgate.application.port.out.LogPosition;
import io.tollgate.application.port.out.LoggedEvent;
import io.tollgate.domain.event.EntityCreated;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/**
 * The commit-ordered log (migration V9) under concurrent writers: two "nodes" (two connection pools on one server,
 * as two processes would have) write transactions of one to three events while a follower reads with a small page
 * after its position. The follower must see every committed event exactly once, positions strictly increasing, and
 * each transaction's events together under one commit number (a transaction may carry several writes that waited for
 * one another: {@link CommitGroups}; each write's events stay together).
 */
class CommitOrderIT extends DatabaseIT {

    private static final int WRITERS_PER_NODE = 3;
    private static final int TRANSACTIONS_PER_WRITER = 40;

    @Test
    void concurrent_writers_of_two_nodes_are_followed_without_a_skip_or_a_repeat() throws Exception {
        try (PostgresDatabase secondNode = PostgresDatabase.connect(db.server.settings())) {
            // one context for both: appends join the context's transactions
            DSLContext second = PostgresAdapterModule.dslContext(secondNode, new DatabaseOutages());
            List<JooqTransactions> transactions = List.of(db.transactions, new JooqTransactions(second));
            List<JooqEventLog> logs = List.of(db.eventLog, new JooqEventLog(second, db.workspace));
            ExecutorService pool = Executors.newFixedThreadPool(2 * WRITERS_PER_NODE + 1);
            AtomicBoolean writing = new AtomicBoolean(true);
            try {
                List<Future<?>> writers = new ArrayList<>();
                for (int node = 0; node < 2; node++) {
                    JooqTransactions tx = transactions.get(node);
                    JooqEventLog log = logs.get(node);
                    UUID nodeId = UUID.randomUUID();
                    for (int w = 0; w < WRITERS_PER_NODE; w++) {
                        String prefix = "n" + node + "w" + w + "t";
                        writers.add(pool.submit(() -> {
                            for (int t = 0; t < TRANSACTIONS_PER_WRITER; t++) {
                                int events = 1 + t % 3;
                                String name = prefix + t;
                                tx.inTransaction(() -> {
                                    for (int e = 0; e < events; e++) {
                                        log.append(nodeId, new EntityCreated(consumer(name + "e" + e, null)));
                                    }
                                    return null;
                                });
                            }
                        }));
                    }
                }
                Future<List<LoggedEvent>> follower = pool.submit(() -> {
                    List<LoggedEvent> seen = new ArrayList<>();
                    LogPosition position = LogPosition.START;
                    boolean lastRound = false;
                    while (true) {
                        boolean done = !writing.get();
                        List<LoggedEvent> page = db.readAfter(position, 7);
                        seen.addAll(page);
                        if (!page.isEmpty()) {
                            position = page.get(page.size() - 1).position();
                        } else if (lastRound) {
                            return seen;
                        } else if (done) {
                            lastRound = true; // every write has committed: one more empty read ends it
                        }
                    }
                });
                for (Future<?> writer : writers) {
                    writer.get(120, TimeUnit.SECONDS);
                }
                writing.set(false);
                List<LoggedEvent> seen = follower.get(60, TimeUnit.SECONDS);

                int expected = 2 * WRITERS_PER_NODE * sum(TRANSACTIONS_PER_WRITER);
                assertThat(seen).hasSize(expected);
                Set<String> names = new HashSet<>();
                for (int i = 0; i < seen.size(); i++) {
                    names.add((String) ((EntityCreated) seen.get(i).event())
                            .entity()
                            .fields()
                            .get("username"));
                    if (i > 0) {
                        assertThat(seen.get(i).position())
                                .isGreaterThan(seen.get(i - 1).position());
                    }
                }
                assertThat(names).as("every event once").hasSize(expected);
                assertThat(db.dsl.fetchValue("SELECT count(*) FROM (SELECT tx_id FROM event_log GROUP BY tx_id"
                                + " HAVING count(DISTINCT commit_seq) <> 1 OR bool_or(commit_seq IS NULL)) t"))
                        .as("each transaction's events share one commit number")
                        .isEqualTo(0L);
                assertThat(db.dsl.fetchValue("SELECT count(DISTINCT commit_seq) FROM event_log"))
                        .as("one commit number per database transaction (a group of writes: CommitGroups)")
                        .isEqualTo(db.dsl.fetchValue("SELECT count(DISTINCT tx_id) FROM event_log"));
                Map<String, Set<Long>> commitsPerWrite = new HashMap<>();
                for (LoggedEvent event : seen) {
                    String name = (String)
                            ((EntityCreated) event.event()).entity().fields().get("username");
                    commitsPerWrite
                            .computeIfAbsent(name.substring(0, name.lastIndexOf('e')), k -> new HashSet<>())
                            .add(event.position().commit());
                }
                assertThat(commitsPerWrite).hasSize(2 * WRITERS_PER_NODE * TRANSACTIONS_PER_WRITER);
                assertThat(commitsPerWrite.values())
                        .as("each write's events under one commit number")
                        .allMatch(commits -> commits.size() == 1);
            } finally {
                writing.set(false);
                pool.shutdownNow();
            }
        }
    }

    /** Events written by one writer: its transactions append 1, 2, 3, 1, 2, 3, ... events. */
    private static int sum(int transactions) {
        int total = 0;
        for (int t = 0; t < transactions; t++) {
            total += 1 + t % 3;
        }
        return total;
    }
}
