package io.chargeledger.simulator;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Histogram, EV model and configuration store. */
class UnitsTest {

    @Test
    void histogramPercentilesAreWithinTwoPercentAndMaxIsExact() {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 1; i <= 10_000; i++) {
            h.recordMicros(i * 100L);               // 0.1 ms .. 1000 ms, uniform
        }
        assertThat(h.count()).isEqualTo(10_000);
        assertThat(h.percentileMicros(50)).isCloseTo(500_000L, within(10_000L));
        assertThat(h.percentileMicros(90)).isCloseTo(900_000L, within(18_000L));
        assertThat(h.percentileMicros(99)).isCloseTo(990_000L, within(20_000L));
        assertThat(h.percentileMicros(50)).isGreaterThanOrEqualTo(500_000L);   // never optimistic
        assertThat(h.maxMicros()).isEqualTo(1_000_000L);
        assertThat(h.percentileMicros(100)).isEqualTo(1_000_000L);
        assertThat(new LatencyHistogram().percentileMicros(99)).isZero();
    }

    @Test
    void histogramBucketsCoverEveryValue() {
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 100_000; i++) {
            long v = r.nextLong(1L << (1 + r.nextInt(40)));
            int index = LatencyHistogram.indexOf(v);
            assertThat(LatencyHistogram.upperBoundOf(index)).isGreaterThanOrEqualTo(v);
            if (index > 0) {
                assertThat(LatencyHistogram.upperBoundOf(index - 1)).isLessThan(v);
            }
            assertThat((double) LatencyHistogram.upperBoundOf(index) - v).isLessThanOrEqualTo(Math.max(1, v * 0.016));
        }
    }

    @Test
    void evChargesAtFullPowerThenTapersAndStopsAtItsTarget() {
        EvModel ev = new EvModel(50_000, 70, 100, 11_000, new SplittableRandom(3));
        assertThat(ev.powerAt(50)).isEqualTo(11_000);
        assertThat(ev.powerAt(90)).isLessThan(11_000).isGreaterThan(1_100);
        assertThat(ev.powerAt(99.9)).isGreaterThanOrEqualTo(1_100);
        assertThat(ev.powerAt(100)).isZero();
        double energy = 0;
        double lastSoc = ev.soc();
        int seconds = 0;
        while (!ev.full() && seconds < 6 * 3600) {
            double wh = ev.advance(60);
            assertThat(wh).isGreaterThanOrEqualTo(0);
            assertThat(ev.soc()).isGreaterThanOrEqualTo(lastSoc);
            energy += wh;
            lastSoc = ev.soc();
            seconds += 60;
        }
        assertThat(ev.full()).isTrue();
        assertThat(energy).isCloseTo(15_000, within(1.0));         // 30 % of 50 kWh
        assertThat(seconds).isBetween(3600, 4 * 3600);               // ~1 h CC + taper
        assertThat(ev.advance(60)).isZero();
        assertThat(ev.powerW()).isZero();
        // one 10 s sample at 11 kW is ~30.6 Wh
        EvModel fresh = new EvModel(50_000, 20, 100, 11_000, new SplittableRandom(3));
        assertThat(fresh.advance(10)).isCloseTo(30.56, within(0.01));
    }

    @Test
    void configurationStoreRejectsReadonlyAndInvalidValues() {
        ConfigurationStore c = new ConfigurationStore(2, 300, 10);
        assertThat(c.change("HeartbeatInterval", "60")).isEqualTo(ConfigurationStore.ChangeResult.Accepted);
        assertThat(c.get("HeartbeatInterval")).isEqualTo("60");
        assertThat(c.change("heartbeatinterval", "-1")).isEqualTo(ConfigurationStore.ChangeResult.Rejected);
        assertThat(c.change("NumberOfConnectors", "4")).isEqualTo(ConfigurationStore.ChangeResult.Rejected);
        assertThat(c.change("AuthorizeRemoteTxRequests", "TRUE")).isEqualTo(ConfigurationStore.ChangeResult.Accepted);
        assertThat(c.getBool("AuthorizeRemoteTxRequests")).isTrue();
        assertThat(c.change("AuthorizeRemoteTxRequests", "yes")).isEqualTo(ConfigurationStore.ChangeResult.Rejected);
        assertThat(c.change("MeterValuesSampledData", "Energy.Active.Import.Register,SoC"))
                .isEqualTo(ConfigurationStore.ChangeResult.Accepted);
        assertThat(c.change("MeterValuesSampledData", "Temperature")).isEqualTo(ConfigurationStore.ChangeResult.Rejected);
        assertThat(c.change("LocalAuthListEnabled", "true")).isEqualTo(ConfigurationStore.ChangeResult.NotSupported);
    }

    @Test
    void timestampsAreUtcWithMillisecondsAndZ() {
        assertThat(Ocpp.timestamp(java.time.Instant.parse("2025-03-04T05:06:07Z"))).isEqualTo("2025-03-04T05:06:07.000Z");
        assertThat(FakeCentralSystem.UTC_TIMESTAMP.matcher(Ocpp.now()).matches()).isTrue();
    }
}
