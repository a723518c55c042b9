package io.chargeledger.api.axon;

import java.time.Clock;
import java.util.UUID;
import java.util.function.Supplier;
import org.axonframework.common.IdentifierFactory;

/**
 * Identifiers that sort by the time they were made: UUID version 7 (RFC 9562), a random UUID whose first 48 bits are
 * the Unix time in milliseconds. Axon finds this factory through {@code META-INF/services} and names every message
 * with it; the server also names new sessions with it.
 * <p>
 * Why: each stored event adds its identifier to the event table's unique index, and each new session its id to the
 * aggregate index, the session rows' primary key and the meter samples' key. Random identifiers land on a random leaf
 * page of those B-trees each time, so under load every page of them is written again between two checkpoints, and
 * after each checkpoint every first change to a page puts the whole page into the WAL (a full-page image). Identifiers
 * made in the same moment land on the same few pages at the right end of each index.
 */
public final class TimeOrderedIdentifierFactory extends IdentifierFactory {

    private static final long VERSION_7 = 0x7000L;

    private final Clock clock;
    private final Supplier<UUID> random;

    /** The factory Axon's service loader creates. */
    public TimeOrderedIdentifierFactory() {
        this(Clock.systemUTC(), UUID::randomUUID);
    }

    TimeOrderedIdentifierFactory(Clock clock, Supplier<UUID> random) {
        this.clock = clock;
        this.random = random;
    }

    @Override
    public String generateIdentifier() {
        return next().toString();
    }

    UUID next() {
        // the random UUID keeps its variant bits and 74 random bits; its top 48 bits become the time, its version 7
        UUID randomBits = random.get();
        long millis = clock.millis() & 0xFFFF_FFFF_FFFFL;
        long mostSignificant = (millis << 16) | VERSION_7 | (randomBits.getMostSignificantBits() & 0x0FFFL);
        return new UUID(mostSignificant, randomBits.getLeastSignificantBits());
    }
}
