package io.chargeledger.session.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Events live for years in the event store and commands may cross nodes: every message must come back from
 * Axon's Jackson serializer equal to what went in, with a strict mapper (unknown properties fail), so that a
 * convenience accessor added to a record cannot silently become an unreadable field.
 */
class MessageSerializationTest {

    private static final JacksonSerializer SERIALIZER = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper().registerModule(new JavaTimeModule()))
            .build();

    private static final String ID = "6f1c2d3e-4a5b-4c6d-8e7f-901234567890";
    private static final Instant AT = Instant.parse("2025-06-01T10:00:00.123Z");
    private static final Tariff TARIFF = new Tariff(new BigDecimal("0.30"), "EUR", new BigDecimal("1.00"));
    private static final IdTagInfo INFO = new IdTagInfo(AuthorizationStatus.Accepted, AT, "FLEET-7");
    private static final MeterSample SAMPLE = new MeterSample(AT, null, "L1", "kWh", "Sample.Periodic", "Outlet",
            new BigDecimal("1007.6805"));

    static Stream<Object> messages() {
        return Stream.of(
                new RegisterIdTag("tag", IdTagStatus.Accepted, AT, "fleet", 2, "alice"),
                new IdTagRegistered("TAG", IdTagStatus.Accepted, AT, "FLEET", 2, "alice"),
                new UpdateIdTag("TAG", IdTagStatus.Blocked, null, null, null, null),
                new IdTagUpdated("TAG", IdTagStatus.Expired, null, null, null, null),
                new BlockIdTag("TAG"), new IdTagBlocked("TAG"),
                new UnblockIdTag("TAG"), new IdTagUnblocked("TAG"),
                new ExpireIdTag("TAG"), new IdTagExpired("TAG"),
                new DeleteIdTag("TAG"), new IdTagDeleted("TAG"),
                new AuthorizeIdTag("TAG", AT), INFO, IdTagInfo.invalid(),
                new ClaimSessionSlot("TAG", ID, AT), new IdTagSessionClaimed("TAG", ID),
                new ReleaseSessionSlot("TAG", ID, AT), new IdTagSessionReleased("TAG", ID),
                new StartSession(ID, 17, "CP1", 1, "TAG", 1000, AT, AT, TARIFF, INFO, 5),
                new StartRequestedSession(new StartSession(ID, 17, "CP1", 1, "TAG", 1000, AT, AT, null, INFO, null)),
                new SessionStarted(ID, 17, "CP1", 1, "TAG", 1000, AT, AT, null, INFO, null, true),
                new RequestRemoteStart(ID, "CP1", null, "TAG", "alice", AT),
                new RemoteStartRequested(ID, "CP1", 2, "TAG", "alice", AT),
                new RecordRemoteStartAnswer(ID, true), new RemoteStartAccepted(ID), new RemoteStartRejected(ID),
                new ExpireRemoteStart(ID, AT), new RemoteStartExpired(ID, AT),
                new RecordMeterValues(ID, List.of(SAMPLE)), new MeterValuesRecorded(ID, List.of(SAMPLE), true),
                new StopSession(ID, 8680, AT, AT, null, "TAG", List.of(SAMPLE)),
                new SessionStopped(ID, 17, 8680, "Local", AT, AT, 7680, new BigDecimal("3.30"), "EUR",
                        List.of(SessionAnomalies.METER_STOP_BEFORE_START), "TAG", null),
                new RequestRemoteStop(ID, "bob"), new RemoteStopRequested(ID, 17, "CP1", "bob"),
                new FlagSessionAnomaly(ID, SessionAnomalies.CHARGER_REBOOTED_MID_SESSION, "boot"),
                new SessionAnomalyFlagged(ID, SessionAnomalies.CHARGER_REBOOTED_MID_SESSION, "boot"),
                new CloseSupersededSession(ID, AT, "0b7e9a52-1c3d-4e5f-a6b7-c8d9e0f1a2b3"),
                new SessionSuperseded(ID, "0b7e9a52-1c3d-4e5f-a6b7-c8d9e0f1a2b3", AT));
    }

    @ParameterizedTest
    @MethodSource("messages")
    void survivesTheEventStoreSerializer(Object message) {
        SerializedObject<byte[]> serialized = SERIALIZER.serialize(message, byte[].class);
        Object restored = SERIALIZER.deserialize(serialized);
        assertThat(restored).isEqualTo(message);
    }
}
