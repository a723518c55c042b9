package io.chargeledger.api.axon;

import static org.assertj.core.api.Assertions.assertThat;

import io.chargeledger.api.support.ApiIntegrationTest;
import io.chargeledger.charger.Charger;
import io.chargeledger.charger.api.BootInfo;
import io.chargeledger.charger.api.ChargerSecurity;
import io.chargeledger.charger.api.DescribeChargerSecurity;
import io.chargeledger.charger.api.RecordBootNotification;
import io.chargeledger.charger.api.RecordConnectorStatus;
import io.chargeledger.charger.api.RegistrationStatus;
import java.util.List;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** A long-lived charger is snapshotted, and its state rebuilt from the snapshot equals the state from its events. */
class SnapshotTest extends ApiIntegrationTest {

    @Autowired
    CommandGateway commands;
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aChargerWithManyEventsLoadsFromItsSnapshot() {
        String id = registerCharger("SNAP", "snapshot-key-0123456789");
        commands.sendAndWait(new RecordBootNotification(id, new BootInfo("V", "M", null, null, "1", null, null, null, null)));
        for (int i = 0; i < 300; i++) {
            commands.sendAndWait(new RecordConnectorStatus(id, 1, i % 2 == 0 ? "Charging" : "SuspendedEV", "NoError",
                    null, null, null, null));
        }
        // taken on the snapshotter's own thread after the 250th event committed
        eventually(() -> assertThat(jdbc.queryForObject(
                "select count(*) from snapshot_event_entry where aggregate_identifier = ?", Integer.class, id)).isEqualTo(1));

        List<? extends DomainEventMessage<?>> fromSnapshot = eventStore.readEvents(id).asStream().toList();
        assertThat(fromSnapshot.get(0).getPayload()).isInstanceOf(Charger.class);
        assertThat(fromSnapshot.size()).isLessThan(100);
        // audit reads start at sequence 0 and see everything
        assertThat(eventStore.readEvents(id, 0).asStream().count()).isEqualTo(302);

        // an uncached repository rebuilds the charger from the snapshot plus later events
        EventSourcingRepository<Charger> uncached = EventSourcingRepository.builder(Charger.class).eventStore(eventStore).build();
        Object security = DefaultUnitOfWork.startAndGet(null).executeWithResult(() -> uncached.load(id)
                .handle(GenericCommandMessage.asCommandMessage(new DescribeChargerSecurity(id)))).getPayload();
        ChargerSecurity rebuilt = (ChargerSecurity) security;
        assertThat(rebuilt.registrationStatus()).isEqualTo(RegistrationStatus.ACCEPTED);
        assertThat(rebuilt.securityProfile()).isEqualTo(1);
        assertThat(rebuilt).isEqualTo(commands.sendAndWait(new DescribeChargerSecurity(id)));
    }
}
