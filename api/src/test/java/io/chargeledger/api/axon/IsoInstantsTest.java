package io.chargeledger.api.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsoInstantsTest {

    @Test
    void readsTheUtcFormWithAnyFractionAsDateTimeFormatterDoes() {
        for (String text : new String[] {"2026-11-26T01:54:05Z", "2026-11-26T01:54:05.5Z", "2026-11-26T01:54:05.524Z",
                "2026-11-26T01:54:05.524123Z", "2026-11-26T01:54:05.524123456Z", "1970-01-01T00:00:00Z",
                "1969-12-31T23:59:59.999Z", "2024-02-29T23:59:59.000000001Z", "0001-01-01T00:00:00Z"}) {
            Instant expected = DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
            assertThat(IsoInstants.parseUtc(text)).as(text).isEqualTo(expected);
            assertThat(IsoInstants.parse(text)).as(text).isEqualTo(expected);
        }
    }

    @Test
    void readsWhatInstantWritesForManyInstants() {
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-5_000_000_000L, 10_000_000_000L),
                    i % 3 == 0 ? 0 : random.nextInt(1_000_000_000));
            assertThat(IsoInstants.parse(instant.toString())).isEqualTo(instant);
        }
    }

    @Test
    void leavesOtherFormsToDateTimeFormatter() {
        // an offset other than Z is read the slow way, to the same instant
        assertThat(IsoInstants.parseUtc("2026-11-26T02:54:05.524+01:00")).isNull();
        assertThat(IsoInstants.parse("2026-11-26T02:54:05.524+01:00")).isEqualTo(Instant.parse("2026-11-26T01:54:05.524Z"));
        assertThat(IsoInstants.parse("2026-11-26T01:54:05+00:00")).isEqualTo(Instant.parse("2026-11-26T01:54:05Z"));
        // a lower-case or missing zone, a short year, a bare dot, ten fraction digits: not the fast form
        for (String text : new String[] {"2026-11-26T01:54:05z", "2026-11-26T01:54:05", "26-11-26T01:54:05Z",
                "2026-11-26T01:54:05.Z", "2026-11-26T01:54:05.1234567890Z", "2026-11-26 01:54:05Z"}) {
            assertThat(IsoInstants.parseUtc(text)).as(text).isNull();
        }
    }

    @Test
    void invalidDatesAndTimesAreRefusedWithDateTimeFormattersError() {
        for (String text : new String[] {"2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2025-02-29T00:00:00Z",
                "2026-11-26T24:00:00Z", "2026-11-26T23:60:00Z", "2026-11-26T23:59:60Z", "2026-11-2xT01:54:05Z",
                "not a time"}) {
            assertThat(IsoInstants.parseUtc(text)).as(text).isNull();
            assertThatThrownBy(() -> IsoInstants.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
        }
    }

    @Test
    void axonsMapperReadsInstantsOfEveryFormJacksonReads() throws Exception {
        ObjectMapper mapper = new AxonConfiguration().defaultAxonObjectMapper();

        assertThat(mapper.readValue("\"2026-11-26T01:54:05.524Z\"", Instant.class))
                .isEqualTo(Instant.parse("2026-11-26T01:54:05.524Z"));
        assertThat(mapper.readValue("\"2026-11-26T02:54:05.524+01:00\"", Instant.class))
                .isEqualTo(Instant.parse("2026-11-26T01:54:05.524Z"));
        assertThat(mapper.readValue("1764121445.524", Instant.class)).isEqualTo(Instant.parse("2025-11-26T01:44:05.524Z"));
        assertThat(mapper.readValue("{\"at\":\"2026-11-26T01:54:05Z\"}", Stamped.class).at())
                .isEqualTo(Instant.parse("2026-11-26T01:54:05Z"));
        assertThat(mapper.readValue("{\"at\":null}", Stamped.class).at()).isNull();
        // round trip through what the mapper writes
        Instant now = Instant.parse("2026-11-26T01:54:05.123456789Z");
        assertThat(mapper.readValue(mapper.writeValueAsString(new Stamped(now)), Stamped.class).at()).isEqualTo(now);
        assertThatThrownBy(() -> mapper.readValue("\"2026-02-30T00:00:00Z\"", Instant.class))
                .isInstanceOf(InvalidFormatException.class);
    }

    record Stamped(Instant at) {
    }
}
