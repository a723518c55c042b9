package io.chargeledger.api.axon;

import static org.assertj.core.api.Assertions.assertThat;

import io.chargeledger.api.support.ApiIntegrationTest;
import io.chargeledger.charger.api.BootInfo;
import io.chargeledger.charger.api.RecordBootNotification;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/** The engine reads every stored event, token and gap as Axon's own JDBC engine does, only parsing each time once. */
class EventTableStorageEngineTest extends ApiIntegrationTest {

    @Autowired
    EventStorageEngine engine;
    @Autowired
    CommandGateway commands;
    @Autowired
    DataSource dataSource;
    @Autowired
    TransactionManager transactionManager;
    @Autowired
    Serializer serializer;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;

    @Test
    void readsTheSameEventsTokensAndTimestampsAsAxonsEngine() {
        String chargePointId = registerCharger("ENGINE", "engine-key-0123456789");
        commands.sendAndWait(new RecordBootNotification(chargePointId,
                new BootInfo("V", "M", null, null, "1", null, null, null, null)));
        JdbcEventStorageEngine axons = JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .connectionProvider(new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource)))
                .transactionManager(transactionManager)
                .schema(AxonConfiguration.EVENT_SCHEMA)
                .build();

        List<? extends TrackedEventMessage<?>> ours = engine.readEvents(null, false).limit(2_000).toList();
        List<? extends TrackedEventMessage<?>> expected = axons.readEvents(null, false).limit(2_000).toList();

        assertThat(ours).hasSameSizeAs(expected).hasSizeGreaterThanOrEqualTo(2);
        for (int i = 0; i < ours.size(); i++) {
            TrackedEventMessage<?> event = ours.get(i);
            TrackedEventMessage<?> axonsEvent = expected.get(i);
            assertThat(event.getIdentifier()).isEqualTo(axonsEvent.getIdentifier());
            assertThat(event.trackingToken()).isEqualTo(axonsEvent.trackingToken());
            assertThat(event.getTimestamp()).isEqualTo(axonsEvent.getTimestamp());
            assertThat(event.getPayloadType()).isEqualTo(axonsEvent.getPayloadType());
            assertThat(event.getPayload()).isEqualTo(axonsEvent.getPayload());
            assertThat(event.getMetaData()).isEqualTo(axonsEvent.getMetaData());
            assertThat(event).isInstanceOf(DomainEventMessage.class);
            DomainEventMessage<?> domainEvent = (DomainEventMessage<?>) event;
            DomainEventMessage<?> axonsDomainEvent = (DomainEventMessage<?>) axonsEvent;
            assertThat(domainEvent.getAggregateIdentifier()).isEqualTo(axonsDomainEvent.getAggregateIdentifier());
            assertThat(domainEvent.getSequenceNumber()).isEqualTo(axonsDomainEvent.getSequenceNumber());
            assertThat(domainEvent.getType()).isEqualTo(axonsDomainEvent.getType());
        }

        // an aggregate's own stream (audit reads, loads without a cached aggregate)
        List<? extends DomainEventMessage<?>> history = engine.readEvents(chargePointId, 0).asStream().toList();
        List<? extends DomainEventMessage<?>> axonsHistory = axons.readEvents(chargePointId, 0).asStream().toList();
        assertThat(history).hasSizeGreaterThanOrEqualTo(2).hasSameSizeAs(axonsHistory);
        for (int i = 0; i < history.size(); i++) {
            assertThat(history.get(i).getTimestamp()).isEqualTo(axonsHistory.get(i).getTimestamp());
            assertThat(history.get(i).getPayload()).isEqualTo(axonsHistory.get(i).getPayload());
            assertThat(history.get(i).getSequenceNumber()).isEqualTo(i);
        }
    }

    @Test
    void aTypeNameReadAgainIsTheInstanceReadFirst() {
        EventTableStorageEngine ours = EventTableStorageEngine.build(JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .connectionProvider(new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource)))
                .transactionManager(transactionManager)
                .schema(AxonConfiguration.EVENT_SCHEMA));
        // each row read brings its own copy of the name
        String first = new String("io.chargeledger.session.api.MeterValuesRecorded".toCharArray());
        String again = new String(first.toCharArray());

        assertThat(ours.typeName(first)).isSameAs(first);
        assertThat(ours.typeName(again)).isSameAs(first);
        assertThat(ours.typeName(null)).isNull();
    }
}
