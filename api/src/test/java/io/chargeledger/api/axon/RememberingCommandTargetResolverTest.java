package io.chargeledger.api.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chargeledger.charger.api.DescribeChargerTariff;
import io.chargeledger.charger.api.RecordBootNotification;
import io.chargeledger.session.api.ClaimSessionSlot;
import io.chargeledger.session.api.RecordMeterValues;
import io.chargeledger.session.api.ReleaseSessionSlot;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.junit.jupiter.api.Test;

class RememberingCommandTargetResolverTest {

    private final RememberingCommandTargetResolver resolver = new RememberingCommandTargetResolver();
    private final AnnotationCommandTargetResolver axons = AnnotationCommandTargetResolver.builder().build();

    /** A command marked on a private field, with a version, in a subclass of the marked class. */
    static class VersionedCommand {
        @TargetAggregateIdentifier
        private final String target;
        @TargetAggregateVersion
        private final int expectedVersion;

        VersionedCommand(String target, int expectedVersion) {
            this.target = target;
            this.expectedVersion = expectedVersion;
        }
    }

    static class DerivedCommand extends VersionedCommand {
        DerivedCommand(String target) {
            super(target, 7);
        }
    }

    record Unmarked(String chargePointId) {
    }

    @Test
    void findsTheSameTargetAsAxonsResolverForTheDomainsCommands() {
        List<Object> commands = List.of(
                new RecordBootNotification("CP-1", null),      // marked record component
                new DescribeChargerTariff("CP-2"),
                new ClaimSessionSlot("tag-1", "s-1", Instant.EPOCH), // marked method, namespaced id
                new ReleaseSessionSlot("TAG-1", "s-1", Instant.EPOCH),
                new RecordMeterValues("s-2", List.of()),
                new VersionedCommand("v-1", 3),
                new DerivedCommand("d-1"));

        for (Object command : commands) {
            var message = GenericCommandMessage.asCommandMessage(command);
            assertThat(resolver.resolveTarget(message)).as(command.getClass().getSimpleName())
                    .isEqualTo(axons.resolveTarget(message));
        }
        assertThat(resolver.resolveTarget(GenericCommandMessage.asCommandMessage(new ClaimSessionSlot("tag-1", "s", Instant.EPOCH)))
                .getIdentifier()).isEqualTo("idtag/TAG-1");
        assertThat(resolver.resolveTarget(GenericCommandMessage.asCommandMessage(new DerivedCommand("d-1"))).getVersion())
                .isEqualTo(7L);
    }

    @Test
    void aCommandWithoutATargetIsRefusedAsAxonsResolverRefusesIt() {
        var unmarked = GenericCommandMessage.asCommandMessage(new Unmarked("CP-1"));
        var withoutId = GenericCommandMessage.asCommandMessage(new RecordBootNotification(null, null));

        assertThatThrownBy(() -> resolver.resolveTarget(unmarked)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unmarked");
        assertThatThrownBy(() -> axons.resolveTarget(unmarked)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> resolver.resolveTarget(withoutId)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RecordBootNotification");
        assertThatThrownBy(() -> axons.resolveTarget(withoutId)).isInstanceOf(IllegalArgumentException.class);
    }
}
