package io.chargeledger.api.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chargeledger.api.support.ApiIntegrationTest;
import io.chargeledger.api.support.TestChargers;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The schema Flyway owns must keep Axon's data in bytea, with a gap-free global index and its unique keys. */
class EventStoreSchemaTest extends ApiIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventStore eventStore;

    @Test
    void axonBinaryColumnsAreByteaNeverLargeObjects() {
        List<Map<String, Object>> columns = jdbc.queryForList("""
                select table_name, column_name, data_type from information_schema.columns
                where table_schema = 'public'
                  and (table_name, column_name) in (
                    ('domain_event_entry', 'payload'), ('domain_event_entry', 'meta_data'),
                    ('snapshot_event_entry', 'payload'), ('snapshot_event_entry', 'meta_data'),
                    ('token_entry', 'token'), ('saga_entry', 'serialized_saga'),
                    ('dead_letter_entry', 'payload'), ('dead_letter_entry', 'meta_data'),
                    ('dead_letter_entry', 'token'))""");
        assertThat(columns).hasSize(9);
        assertThat(columns).allSatisfy(column -> assertThat(column.get("data_type")).as(column.toString()).isEqualTo("bytea"));
        assertThat(jdbc.queryForObject("select count(*) from information_schema.columns where table_schema = 'public' "
                + "and data_type = 'oid'", Integer.class)).isZero();
    }

    @Test
    void theGlobalIndexSequenceStepsByOne() {
        assertThat(jdbc.queryForObject(
                "select increment_by from pg_sequences where sequencename = 'domain_event_entry_seq'", Long.class))
                .isEqualTo(1L);
    }

    @Test
    void eventsAreUniquePerAggregateSequenceAndIdentifier() {
        List<String> indexes = jdbc.queryForList(
                "select indexdef from pg_indexes where tablename = 'domain_event_entry'", String.class);
        assertThat(indexes).anySatisfy(def -> assertThat(def).contains("UNIQUE").contains("(aggregate_identifier, sequence_number)"));
        assertThat(indexes).anySatisfy(def -> assertThat(def).contains("UNIQUE").contains("(event_identifier)"));
    }

    @Test
    void storedEventsAreJson() {
        String id = TestChargers.uniqueId("JSON");
        assertThat(admin().post("/api/chargers", TestChargers.versiCharge(id, "0123456789abcdef")).status()).isEqualTo(201);
        String payload = jdbc.queryForObject(
                "select convert_from(payload, 'UTF8') from domain_event_entry where aggregate_identifier = ?",
                String.class, id);
        assertThat(payload).startsWith("{").contains("\"chargePointId\":\"" + id + "\"").doesNotContain("0123456789abcdef");
        String metaData = jdbc.queryForObject(
                "select convert_from(meta_data, 'UTF8') from domain_event_entry where aggregate_identifier = ?",
                String.class, id);
        assertThat(metaData).startsWith("{");
    }

    @Test
    void durabilitySettingsStayOn() {
        assertThat(jdbc.queryForObject("show fsync", String.class)).isEqualTo("on");
        assertThat(jdbc.queryForObject("show synchronous_commit", String.class)).isEqualTo("on");
        assertThat(jdbc.queryForObject("show full_page_writes", String.class)).isEqualTo("on");
    }

    @Test
    void theWalMayGrowToFourGigabytesBetweenTwoCheckpoints() {
        assertThat(jdbc.queryForObject("show max_wal_size", String.class)).isEqualTo("4GB");
    }

    @Test
    void theEmbeddedDatabaseComparesTextByteByByte() {
        assertThat(jdbc.queryForObject("select datcollate from pg_database where datname = current_database()",
                String.class)).isEqualTo("C");
        // code point order: uppercase before lowercase, accented letters after both
        assertThat(jdbc.queryForList("select v from (values ('b'), ('B'), ('a'), ('é'), ('A')) t(v) order by v",
                String.class)).containsExactly("A", "B", "a", "b", "é");
    }

    private static DomainEventMessage<String> event(String aggregateId, long sequence, String payload) {
        return new GenericDomainEventMessage<>("SchemaTest", aggregateId, sequence, payload);
    }

    @Test
    void theDatabaseAssignsConsecutiveGlobalIndexesToEventsAppendedTogether() {
        String id = TestChargers.uniqueId("INDEX");

        eventStore.publish(event(id, 0, "first"), event(id, 1, "second"), event(id, 2, "third"));

        List<Long> indexes = jdbc.queryForList("select global_index from domain_event_entry where aggregate_identifier = ? "
                + "order by sequence_number", Long.class, id);
        assertThat(indexes).hasSize(3);
        assertThat(indexes.get(1)).isEqualTo(indexes.get(0) + 1);
        assertThat(indexes.get(2)).isEqualTo(indexes.get(0) + 2);
        assertThat(eventStore.readEvents(id).asStream().map(message -> (Object) message.getPayload()).toList())
                .containsExactly("first", "second", "third");
    }

    /** Two writers of one stream: the loser gets Axon's conflict (409 at the API), never a storage error or a lost event. */
    @Test
    void aSecondEventAtATakenSequenceIsAConflictAndChangesNothing() {
        String id = TestChargers.uniqueId("CONFLICT");
        eventStore.publish(event(id, 0, "created"), event(id, 1, "changed"));

        assertThatThrownBy(() -> eventStore.publish(event(id, 0, "created again")))
                .isInstanceOf(AggregateStreamCreationException.class);
        assertThatThrownBy(() -> eventStore.publish(event(id, 1, "changed concurrently")))
                .isInstanceOf(ConcurrencyException.class);

        assertThat(eventStore.readEvents(id).asStream().map(message -> (Object) message.getPayload()).toList())
                .containsExactly("created", "changed");
    }
}
