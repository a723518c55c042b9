package io.chargeledger.api.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.chargeledger.api.support.ApiIntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * The read models whose rows are updated again and again leave room on their pages for those updates (V12); the
 * session view has one segment, and a database made with two rebuilds it (V13).
 */
class ReadModelStorageTest extends ApiIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void frequentlyUpdatedReadModelsLeaveRoomOnEachPage() {
        Map<String, String> fillFactors = jdbc.queryForList("""
                select c.relname, opt.option_value from pg_class c
                cross join lateral pg_options_to_table(c.reloptions) opt
                where c.relnamespace = 'public'::regnamespace and opt.option_name = 'fillfactor'""")
                .stream().collect(Collectors.toMap(row -> (String) row.get("relname"), row -> (String) row.get("option_value")));

        assertThat(fillFactors).containsEntry("session_view", "60").containsEntry("connector_view", "50")
                .containsEntry("id_tag_view", "70").containsEntry("charger_view", "70");
        // the event store is append-only: its pages stay full
        assertThat(fillFactors).doesNotContainKeys("domain_event_entry", "snapshot_event_entry");
    }

    @Test
    // what a MeterValues event changes in a session's row is in no index: such an update can stay on its page
    void aMeterValuesUpdateOfASessionChangesNoIndexedColumn() {
        List<Long> hotUpdates = jdbc.execute((ConnectionCallback<List<Long>>) connection -> {
            connection.setAutoCommit(false);
            try (var statement = connection.createStatement()) {
                statement.execute("insert into session_view (session_id, status, version) values ('hot-update-probe', 'STARTED', 0)");
                statement.execute("update session_view set last_meter_value_at = now(), version = 1 where session_id = 'hot-update-probe'");
                var result = statement.executeQuery(
                        "select pg_stat_get_xact_tuples_updated('session_view'::regclass), pg_stat_get_xact_tuples_hot_updated('session_view'::regclass)");
                result.next();
                return List.of(result.getLong(1), result.getLong(2));
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        });

        assertThat(hotUpdates).containsExactly(1L, 1L);
    }

    @Test
    void theSessionViewHasOneSegment() {
        assertThat(jdbc.queryForList("select segment from token_entry where processor_name = 'session-view'", Integer.class))
                .containsExactly(0);
    }

    @Test
    void aDatabaseWithTwoSessionViewSegmentsRebuildsThatViewWithOne() {
        List<Long> left = afterSessionViewMigration(true);

        // tokens and rows gone: at its start the processor begins from the first event, with one segment
        assertThat(left).containsExactly(0L, 0L);
    }

    @Test
    void aDatabaseWithOneSessionViewSegmentKeepsThatView() {
        List<Long> left = afterSessionViewMigration(false);

        assertThat(left.get(0)).as("session-view tokens").isEqualTo(1L);
        assertThat(left.get(1)).as("the probe row").isEqualTo(1L);
    }

    /** Runs V13 again in a transaction that is rolled back: session-view tokens and probe rows left after it. */
    private List<Long> afterSessionViewMigration(boolean secondSegment) {
        return jdbc.execute((ConnectionCallback<List<Long>>) connection -> {
            connection.setAutoCommit(false);
            try (var statement = connection.createStatement()) {
                statement.execute("insert into session_view (session_id, status, version) values ('segment-probe', 'STARTED', 0)");
                if (secondSegment) {
                    statement.execute("insert into token_entry (processor_name, segment, timestamp) "
                            + "values ('session-view', 1, '2026-11-27T00:00:00Z')");
                }
                ScriptUtils.executeSqlScript(connection, new ClassPathResource("db/migration/V13__session_view_one_segment.sql"));
                var result = statement.executeQuery("select (select count(*) from token_entry where processor_name = 'session-view'), "
                        + "(select count(*) from session_view where session_id = 'segment-probe')");
                result.next();
                return List.of(result.getLong(1), result.getLong(2));
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        });
    }
}
