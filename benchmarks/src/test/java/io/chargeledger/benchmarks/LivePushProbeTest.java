package io.chargeledger.benchmarks;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LivePushProbeTest {

    private static final long MS = 1_000_000;
    private static final long T1 = Instant.parse("2026-01-01T00:00:00.100Z").toEpochMilli();
    private static final long T2 = Instant.parse("2026-01-01T00:00:00.300Z").toEpochMilli();

    private static String connector(String cp, int connectorId, String status, String timestamp) {
        return """
                {"type":"connector","data":{"chargePointId":"%s","connector":{"connectorId":%d,"status":"%s",\
                "errorCode":"NoError","timestamp":%s,"updatedAt":"2026-01-01T00:00:01Z"}}}"""
                .formatted(cp, connectorId, status, timestamp);
    }

    @Test
    void matchesEachAnsweredChangeToItsConnectorMessageByChargerConnectorStatusAndTimestamp() {
        LivePushProbe p = new LivePushProbe(Duration.ofSeconds(5));
        p.message("{\"type\":\"welcome\",\"data\":{\"username\":\"admin\",\"roles\":[\"ADMIN\"]}}", 0);
        p.answered("CP-1", 1, "Preparing", T1, 0);             // before the tracking: ignored
        p.startTracking();
        p.answered("CP-1", 1, "Preparing", T1, 10 * MS);
        p.answered("CP-1", 1, "Preparing", T2, 20 * MS);       // same charger, connector, status: the timestamp decides
        p.answered("CP-2", 1, "Available", T1, 30 * MS);
        p.message(connector("CP-1", 1, "Preparing", "\"2026-01-01T00:00:00.300Z\""), 25 * MS);    // T2: 5 ms
        p.message(connector("CP-1", 1, "Preparing", "\"2026-01-01T00:00:00.100Z\""), 50 * MS);    // T1: 40 ms
        p.message("{\"type\":\"charger\",\"data\":{\"chargePointId\":\"CP-1\"}}", 51 * MS);
        p.stopTracking();
        p.answered("CP-3", 1, "Available", T1, 60 * MS);       // after the tracking: ignored
        LivePushProbe.Result r = p.result();
        assertThat(r.latenciesMs()).containsExactly(5.0, 40.0);
        assertThat(r.matched()).isEqualTo(2);
        assertThat(r.missing()).isEqualTo(1);                   // CP-2 never pushed
        assertThat(r.late()).isZero();
        assertThat(r.max()).isEqualTo(40.0);
        assertThat(r.messagesByType()).containsEntry("connector", 2L).containsEntry("charger", 1L)
                .containsEntry("welcome", 1L);
        assertThat(p.welcome().path("username").asText()).isEqualTo("admin");
    }

    @Test
    void latePushesAreMissingAndEarlyPushesCountAsZero() {
        LivePushProbe p = new LivePushProbe(Duration.ofSeconds(5));
        p.startTracking();
        p.answered("CP-1", 1, "Available", T1, 0);
        p.pushed("CP-1", 1, "Available", T1, 6_000 * MS);        // after 6 s: late, so missing
        p.pushed("CP-2", 1, "Preparing", T2, 7_000 * MS);        // pushed before its answer was seen
        p.answered("CP-2", 1, "Preparing", T2, 7_001 * MS);
        p.answered("CP-3", 1, "Preparing", null, 8_000 * MS);    // no timestamp: the oldest waiting change matches
        p.pushed("CP-3", 1, "Preparing", T1, 8_100 * MS);
        LivePushProbe.Result r = p.result();
        assertThat(r.late()).isEqualTo(1);
        assertThat(r.maxLateMs()).isEqualTo(6_000.0);
        assertThat(r.missing()).isEqualTo(1);
        assertThat(r.pushedBeforeAnswer()).isEqualTo(1);
        assertThat(r.latenciesMs()).containsExactly(0.0, 100.0);
        assertThat(r.percentile(50)).isEqualTo(0.0);
        assertThat(r.percentile(99)).isEqualTo(100.0);
    }

    @Test
    void readsTimestampsAsTextSecondsOrMilliseconds() {
        var json = AdminClient.JSON;
        assertThat(LivePushProbe.epochMillis(json.getNodeFactory().textNode("2026-01-01T00:00:00.100Z"))).isEqualTo(T1);
        assertThat(LivePushProbe.epochMillis(json.getNodeFactory().numberNode(T1 / 1000.0))).isEqualTo(T1);
        assertThat(LivePushProbe.epochMillis(json.getNodeFactory().numberNode(T1))).isEqualTo(T1);
        assertThat(LivePushProbe.epochMillis(json.getNodeFactory().textNode("yesterday"))).isNull();
        assertThat(LivePushProbe.epochMillis(json.nullNode())).isNull();
    }
}
