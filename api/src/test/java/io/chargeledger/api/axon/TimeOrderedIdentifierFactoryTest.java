package io.chargeledger.api.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.axonframework.common.IdentifierFactory;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

class TimeOrderedIdentifierFactoryTest {

    @Test
    void axonNamesEveryMessageWithIt() {
        assertThat(IdentifierFactory.getInstance()).isInstanceOf(TimeOrderedIdentifierFactory.class);
        UUID messageId = UUID.fromString(GenericEventMessage.asEventMessage("payload").getIdentifier());
        assertThat(messageId.version()).isEqualTo(7);
    }

    @Test
    void anIdentifierIsAVersion7UuidWithTheTimeInItsFirst48Bits() {
        Instant at = Instant.parse("2026-11-27T14:30:00.123Z");
        UUID random = UUID.fromString("f81d4fae-7dec-41d0-a765-00a0c91e6bf6");
        TimeOrderedIdentifierFactory factory = new TimeOrderedIdentifierFactory(Clock.fixed(at, ZoneOffset.UTC),
                () -> random);

        UUID id = UUID.fromString(factory.generateIdentifier());

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(at.toEpochMilli());
        // the rest is the random UUID's: 12 bits after the version, all of the lower half
        assertThat(id.getMostSignificantBits() & 0x0FFFL).isEqualTo(random.getMostSignificantBits() & 0x0FFFL);
        assertThat(id.getLeastSignificantBits()).isEqualTo(random.getLeastSignificantBits());
        assertThat(id.toString()).isEqualTo("01a21d69-c2bb-71d0-a765-00a0c91e6bf6");
    }

    @Test
    void identifiersMadeLaterSortAfterEarlierOnesAsText() throws InterruptedException {
        TimeOrderedIdentifierFactory factory = new TimeOrderedIdentifierFactory();
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            made.add(factory.generateIdentifier());
            Thread.sleep(2);
        }

        assertThat(made).isSorted();
    }

    @Test
    void identifiersMadeInTheSameMillisecondDifferInTheirRandomBits() {
        TimeOrderedIdentifierFactory factory = new TimeOrderedIdentifierFactory(
                Clock.fixed(Instant.parse("2026-11-27T14:30:00Z"), ZoneOffset.UTC), UUID::randomUUID);
        HashSet<String> made = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            made.add(factory.generateIdentifier());
        }

        assertThat(made).hasSize(10_000);
        assertThat(made).allSatisfy(id -> assertThat(id).startsWith("01a21d69-c240-7"));
    }
}
