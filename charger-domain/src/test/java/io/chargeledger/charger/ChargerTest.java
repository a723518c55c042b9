package io.chargeledger.charger;

import static org.assertj.core.api.Assertions.assertThat;

import io.chargeledger.charger.api.*;
import java.time.Instant;
import java.math.BigDecimal;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChargerTest {

    private static final String ID = "JAAL34S021";
    private static final String KEY_HASH = AuthorizationKey.hash("0123456789abcdef");

    private FixtureConfiguration<Charger> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Charger.class);
    }

    static ChargerDetails versiCharge() {
        return new ChargerDetails("JAAL34S021", "8EM1310-3EJ04-0GA0", "Siemens", "VersiCharge 8EM1310",
                240, 32, 32, "192.168.10.143", "Production",
                new Location("Depot A", "1 Main St", new BigDecimal("52.370216"), new BigDecimal("4.895168")),
                new Pricing(new BigDecimal("0.30"), "EUR", new BigDecimal("1.00")), 1);
    }

    private static ChargerRegistered registered() {
        return new ChargerRegistered(ID, versiCharge(), 1, KEY_HASH);
    }

    private static ChargerConnected connected(String connectionId) {
        return new ChargerConnected(ID, connectionId, "node-1", "127.0.0.1", "ocpp1.6", 1);
    }

    @Test
    void registeringANewChargerRecordsIt() {
        fixture.givenNoPriorActivity()
                .when(new RegisterCharger(ID, versiCharge(), 1, KEY_HASH))
                .expectSuccessfulHandlerExecution()
                .expectEvents(registered());
    }

    @Test
    void registeringTwiceIsRejected() {
        fixture.given(registered())
                .when(new RegisterCharger(ID, versiCharge(), 1, KEY_HASH))
                .expectException(ChargerAlreadyRegistered.class)
                .expectNoEvents();
    }

    @Test
    void registeringWithInvalidDetailsIsRejectedNamingTheFields() {
        ChargerDetails bad = new ChargerDetails(null, null, "Siemens", "X", 240, 32, 16, "300.1.1.1", null, null,
                new Pricing(new BigDecimal("0.30"), "EURO", null), 0);
        fixture.givenNoPriorActivity()
                .when(new RegisterCharger(ID, bad, 1, KEY_HASH))
                .expectException(ChargerRuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.containsString("maximumAmps"),
                        org.hamcrest.Matchers.containsString("ipAddress"),
                        org.hamcrest.Matchers.containsString("pricing.currency"),
                        org.hamcrest.Matchers.containsString("connectorCount")))
                .expectNoEvents();
    }

    @Test
    void registeringWithAnInvalidChargePointIdIsRejected() {
        fixture.givenNoPriorActivity()
                .when(new RegisterCharger("has space", versiCharge(), 1, KEY_HASH))
                .expectException(ChargerRuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("chargePointId"))
                .expectNoEvents();
    }

    @Test
    void securityProfileOneWithoutAKeyIsRejected() {
        fixture.givenNoPriorActivity()
                .when(new RegisterCharger(ID, versiCharge(), 1, null))
                .expectException(ChargerRuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("authorizationKey"))
                .expectNoEvents();
    }

    @Test
    void unknownSecurityProfileIsRejected() {
        fixture.givenNoPriorActivity()
                .when(new RegisterCharger(ID, versiCharge(), 3, KEY_HASH))
                .expectException(ChargerRuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("securityProfile"))
                .expectNoEvents();
    }

    @Test
    void securityProfileZeroNeedsNoKey() {
        fixture.givenNoPriorActivity()
                .when(new RegisterCharger(ID, versiCharge(), 0, null))
                .expectEvents(new ChargerRegistered(ID, versiCharge(), 0, null));
    }

    @Test
    void updatingDetailsRecordsThem() {
        ChargerDetails moved = new ChargerDetails("JAAL34S021", "8EM1310-3EJ04-0GA0", "Siemens",
                "VersiCharge 8EM1310", 240, 32, 40, "10.0.0.7", "Staging", null, null, 2);
        fixture.given(registered())
                .when(new UpdateChargerDetails(ID, moved, 1, null))
                .expectEvents(new ChargerDetailsUpdated(ID, moved, 1, null));
    }

    @Test
    void updatingKeepsTheExistingKeyWhenNoneIsGiven() {
        fixture.given(registered())
                .when(new UpdateChargerDetails(ID, versiCharge(), 2, null))
                .expectEvents(new ChargerDetailsUpdated(ID, versiCharge(), 2, null));
    }

    @Test
    void raisingTheSecurityProfileOfAKeylessChargerNeedsAKey() {
        fixture.given(new ChargerRegistered(ID, versiCharge(), 0, null))
                .when(new UpdateChargerDetails(ID, versiCharge(), 1, null))
                .expectException(ChargerRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void updatingWithInvalidDetailsIsRejected() {
        ChargerDetails bad = new ChargerDetails(null, null, null, "X", 240, 32, 32, null, null, null, null, 1);
        fixture.given(registered())
                .when(new UpdateChargerDetails(ID, bad, 1, null))
                .expectException(ChargerRuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("vendor"))
                .expectNoEvents();
    }

    @Test
    void aDecommissionedChargerCannotBeUpdated() {
        fixture.given(registered(), new ChargerDecommissioned(ID, "retired"))
                .when(new UpdateChargerDetails(ID, versiCharge(), 1, null))
                .expectException(ChargerDecommissionedException.class)
                .expectNoEvents();
    }

    @Test
    void connectingRecordsTheConnection() {
        fixture.given(registered())
                .when(new MarkConnected(ID, "c1", "node-1", "127.0.0.1", "ocpp1.6", 1))
                .expectEvents(connected("c1"));
    }

    @Test
    void connectingAgainOnTheSameSocketIsIdempotent() {
        fixture.given(registered(), connected("c1"))
                .when(new MarkConnected(ID, "c1", "node-1", "127.0.0.1", "ocpp1.6", 1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aNewSocketReplacesTheOldOneInOrder() {
        fixture.given(registered(), connected("c1"))
                .when(new MarkConnected(ID, "c2", "node-1", "127.0.0.1", "ocpp1.6", 1))
                .expectEvents(new ChargerDisconnected(ID, "c1", "Replaced by a new connection"), connected("c2"));
    }

    @Test
    void aDecommissionedChargerCannotConnect() {
        fixture.given(registered(), new ChargerDecommissioned(ID, "retired"))
                .when(new MarkConnected(ID, "c1", "node-1", "127.0.0.1", "ocpp1.6", 1))
                .expectException(ChargerDecommissionedException.class)
                .expectNoEvents();
    }

    @Test
    void disconnectingRecordsTheDisconnection() {
        fixture.given(registered(), connected("c1"))
                .when(new MarkDisconnected(ID, "c1", "closed by charger"))
                .expectEvents(new ChargerDisconnected(ID, "c1", "closed by charger"));
    }

    @Test
    void disconnectingWhenNotConnectedIsIdempotent() {
        fixture.given(registered())
                .when(new MarkDisconnected(ID, "c1", "closed by charger"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void theCloseOfAReplacedSocketIsIgnored() {
        fixture.given(registered(), connected("c1"),
                        new ChargerDisconnected(ID, "c1", "Replaced by a new connection"), connected("c2"))
                .when(new MarkDisconnected(ID, "c1", "closed"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void decommissioningRecordsIt() {
        fixture.given(registered())
                .when(new DecommissionCharger(ID, "retired"))
                .expectEvents(new ChargerDecommissioned(ID, "retired"));
    }

    @Test
    void decommissioningAConnectedChargerEndsItsConnectionFirst() {
        fixture.given(registered(), connected("c1"))
                .when(new DecommissionCharger(ID, "retired"))
                .expectEvents(new ChargerDisconnected(ID, "c1", "Charger decommissioned"),
                        new ChargerDecommissioned(ID, "retired"));
    }

    @Test
    void decommissioningTwiceIsIdempotent() {
        fixture.given(registered(), new ChargerDecommissioned(ID, "retired"))
                .when(new DecommissionCharger(ID, "again"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    private static final BootInfo BOOT = new BootInfo("Siemens", "VersiCharge", "JAAL34S021", null, "1.2.3",
            "8931000000000000001", null, "Meter-X", null);
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void describingSecurityAnswersFromTheAggregateWithoutEvents() {
        fixture.given(registered())
                .when(new DescribeChargerSecurity(ID))
                .expectNoEvents()
                .expectResultMessagePayload(new ChargerSecurity(ID, false, 1, KEY_HASH, RegistrationStatus.NEVER_BOOTED));
    }

    @Test
    void describingSecurityFollowsKeyAndProfileChanges() {
        String newHash = AuthorizationKey.hash("another-key-0123456789");
        fixture.given(registered(), new ChargerDetailsUpdated(ID, versiCharge(), 2, newHash))
                .when(new DescribeChargerSecurity(ID))
                .expectResultMessagePayload(new ChargerSecurity(ID, false, 2, newHash, RegistrationStatus.NEVER_BOOTED));
    }

    @Test
    void bootingARegisteredChargerAcceptsIt() {
        fixture.given(registered())
                .when(new RecordBootNotification(ID, BOOT))
                .expectEvents(new ChargerBooted(ID, BOOT, RegistrationStatus.ACCEPTED))
                .expectResultMessagePayload(RegistrationStatus.ACCEPTED);
    }

    @Test
    void aDecommissionedChargerCannotBoot() {
        fixture.given(registered(), new ChargerDecommissioned(ID, "retired"))
                .when(new RecordBootNotification(ID, BOOT))
                .expectException(ChargerDecommissionedException.class)
                .expectNoEvents();
    }

    @Test
    void acceptanceSurvivesReconnects() {
        fixture.given(registered(), new ChargerBooted(ID, BOOT, RegistrationStatus.ACCEPTED), connected("c1"),
                        new ChargerDisconnected(ID, "c1", "closed"))
                .when(new MarkConnected(ID, "c2", "node-1", "127.0.0.1", "ocpp1.6", 1))
                .expectEvents(connected("c2"))
                .expectResultMessagePayload(RegistrationStatus.ACCEPTED);
    }

    @Test
    void aChargerThatNeverBootedIsToldSoOnConnect() {
        fixture.given(registered())
                .when(new MarkConnected(ID, "c1", "node-1", "127.0.0.1", "ocpp1.6", 1))
                .expectResultMessagePayload(RegistrationStatus.NEVER_BOOTED);
    }

    @Test
    void anUnknownChargerCanBeRegisteredPendingApproval() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUnknownCharger("NEW-1", "10.0.0.9"))
                .expectEvents(new UnknownChargerRegistered("NEW-1", "10.0.0.9"));
    }

    @Test
    void registeringAnUnknownChargerThatExistsIsRejected() {
        fixture.given(registered())
                .when(new RegisterUnknownCharger(ID, "10.0.0.9"))
                .expectException(ChargerAlreadyRegistered.class)
                .expectNoEvents();
    }

    @Test
    void anAutoRegisteredChargerBootsPendingUntilAccepted() {
        fixture.given(new UnknownChargerRegistered(ID, "10.0.0.9"))
                .when(new RecordBootNotification(ID, BOOT))
                .expectEvents(new ChargerBooted(ID, BOOT, RegistrationStatus.PENDING))
                .expectResultMessagePayload(RegistrationStatus.PENDING);
    }

    @Test
    void anAcceptedAutoRegisteredChargerBootsAccepted() {
        fixture.given(new UnknownChargerRegistered(ID, "10.0.0.9"), new ChargerAccepted(ID, "admin"))
                .when(new RecordBootNotification(ID, BOOT))
                .expectEvents(new ChargerBooted(ID, BOOT, RegistrationStatus.ACCEPTED));
    }

    @Test
    void acceptingIsRecordedOnceOnly() {
        fixture.given(new UnknownChargerRegistered(ID, "10.0.0.9"))
                .when(new AcceptCharger(ID, "admin"))
                .expectEvents(new ChargerAccepted(ID, "admin"));
        fixture.given(new UnknownChargerRegistered(ID, "10.0.0.9"), new ChargerAccepted(ID, "admin"))
                .when(new AcceptCharger(ID, "admin"))
                .expectNoEvents();
        fixture.given(registered())
                .when(new AcceptCharger(ID, "admin"))
                .expectNoEvents();
    }

    @Test
    void aConnectorStatusChangeIsRecorded() {
        fixture.given(registered())
                .when(new RecordConnectorStatus(ID, 1, "Available", "NoError", null, null, null, T0))
                .expectEvents(new ConnectorStatusChanged(ID, 1, "Available", "NoError", null, null, null, T0));
    }

    @Test
    void anUnchangedConnectorStatusRecordsNothing() {
        fixture.given(registered(), new ConnectorStatusChanged(ID, 1, "Available", "NoError", null, null, null, T0))
                .when(new RecordConnectorStatus(ID, 1, "Available", "NoError", null, null, null, T0.plusSeconds(60)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void connectorsAreTrackedSeparately() {
        fixture.given(registered(), new ConnectorStatusChanged(ID, 1, "Available", "NoError", null, null, null, T0))
                .when(new RecordConnectorStatus(ID, 2, "Available", "NoError", null, null, null, T0))
                .expectEvents(new ConnectorStatusChanged(ID, 2, "Available", "NoError", null, null, null, T0));
    }

    @Test
    void anErrorCodeChangeIsAChange() {
        fixture.given(registered(), new ConnectorStatusChanged(ID, 1, "Faulted", "GroundFailure", null, null, null, T0))
                .when(new RecordConnectorStatus(ID, 1, "Faulted", "OverVoltage", null, null, "E42", T0))
                .expectEvents(new ConnectorStatusChanged(ID, 1, "Faulted", "OverVoltage", null, null, "E42", T0));
    }

    @Test
    void livenessAndStatusReportsAreRecorded() {
        fixture.given(registered()).when(new RecordLiveness(ID, T0)).expectEvents(new ChargerSeen(ID, T0));
        fixture.given(registered()).when(new RecordFirmwareStatus(ID, "Installed"))
                .expectEvents(new FirmwareStatusReported(ID, "Installed"));
        fixture.given(registered()).when(new RecordDiagnosticsStatus(ID, "Uploaded"))
                .expectEvents(new DiagnosticsStatusReported(ID, "Uploaded"));
    }

    @Test
    void anOperationRequestAndItsOutcomeAreRecordedOnce() {
        fixture.given(registered())
                .when(new RecordOperationRequest(ID, "op-1", "Reset", "{\"type\":\"Soft\"}", "admin"))
                .expectEvents(new ChargerOperationRequested(ID, "op-1", "Reset", "{\"type\":\"Soft\"}", "admin"));
        fixture.given(registered(), new ChargerOperationRequested(ID, "op-1", "Reset", "{}", "admin"))
                .when(new RecordOperationOutcome(ID, "op-1", "Reset", OperationOutcome.ANSWERED,
                        "{\"status\":\"Accepted\"}", null, null))
                .expectEvents(new ChargerOperationCompleted(ID, "op-1", "Reset", OperationOutcome.ANSWERED,
                        "{\"status\":\"Accepted\"}", null, null));
        fixture.given(registered(), new ChargerOperationRequested(ID, "op-1", "Reset", "{}", "admin"),
                        new ChargerOperationCompleted(ID, "op-1", "Reset", OperationOutcome.TIMED_OUT, null, null, null))
                .when(new RecordOperationOutcome(ID, "op-1", "Reset", OperationOutcome.ANSWERED, "{}", null, null))
                .expectNoEvents();
    }

    @Test
    void aDecommissionedChargerReceivesNoOperations() {
        fixture.given(registered(), new ChargerDecommissioned(ID, "retired"))
                .when(new RecordOperationRequest(ID, "op-1", "Reset", "{}", "admin"))
                .expectException(ChargerDecommissionedException.class)
                .expectNoEvents();
    }

    @Test
    void theTariffInForceIsAnsweredFromTheAggregate() {
        fixture.given(registered())
                .when(new DescribeChargerTariff(ID))
                .expectNoEvents()
                .expectResultMessagePayload(versiCharge().pricing());
        ChargerDetails repriced = new ChargerDetails("JAAL34S021", null, "Siemens", "VersiCharge", 240, 32, 32, null,
                null, null, new Pricing(new BigDecimal("0.45"), "EUR", null), 1);
        fixture.given(registered(), new ChargerDetailsUpdated(ID, repriced, 1, null))
                .when(new DescribeChargerTariff(ID))
                .expectResultMessagePayload(repriced.pricing());
    }

    @Test
    void aStopForAnUnknownTransactionIsKeptForAudit() {
        fixture.given(registered())
                .when(new RecordUnknownTransactionStop(ID, 999, 12_000L, T0, "Local", "TAG-1"))
                .expectEvents(new UnknownTransactionStopReported(ID, 999, 12_000L, T0, "Local", "TAG-1"));
    }

    @Test
    void powerIsVoltsTimesAmpsInKilowatts() {
        assertThat(versiCharge().powerKW()).isEqualByComparingTo("7.68");
        assertThat(versiCharge().powerKW().toPlainString()).isEqualTo("7.68");
        ChargerDetails eleven = new ChargerDetails(null, null, "ABB", "Terra AC", 400, 16, 16, null, null, null, null, 1);
        assertThat(eleven.powerKW().toPlainString()).isEqualTo("6.4");
        ChargerDetails round = new ChargerDetails(null, null, "ABB", "Terra AC", 250, 44, 44, null, null, null, null, 1);
        assertThat(round.powerKW().toPlainString()).isEqualTo("11");
    }
}
