package io.chargeledger.session;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

import io.chargeledger.session.api.AuthorizationStatus;
import io.chargeledger.session.api.CloseSupersededSession;
import io.chargeledger.session.api.ExpireRemoteStart;
import io.chargeledger.session.api.FlagSessionAnomaly;
import io.chargeledger.session.api.IdTagInfo;
import io.chargeledger.session.api.MeterSample;
import io.chargeledger.session.api.MeterValuesRecorded;
import io.chargeledger.session.api.RecordMeterValues;
import io.chargeledger.session.api.RecordRemoteStartAnswer;
import io.chargeledger.session.api.RemoteStartAccepted;
import io.chargeledger.session.api.RemoteStartExpired;
import io.chargeledger.session.api.RemoteStartRejected;
import io.chargeledger.session.api.RemoteStartRequested;
import io.chargeledger.session.api.RemoteStopRequested;
import io.chargeledger.session.api.RequestRemoteStart;
import io.chargeledger.session.api.RequestRemoteStop;
import io.chargeledger.session.api.SessionAlreadyExists;
import io.chargeledger.session.api.SessionAlreadyStopped;
import io.chargeledger.session.api.SessionAnomalies;
import io.chargeledger.session.api.SessionAnomalyFlagged;
import io.chargeledger.session.api.SessionNotStarted;
import io.chargeledger.session.api.SessionRuleViolation;
import io.chargeledger.session.api.SessionStartConflict;
import io.chargeledger.session.api.SessionStarted;
import io.chargeledger.session.api.SessionStopped;
import io.chargeledger.session.api.SessionSuperseded;
import io.chargeledger.session.api.StartRequestedSession;
import io.chargeledger.session.api.StartSession;
import io.chargeledger.session.api.StopSession;
import io.chargeledger.session.api.Tariff;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChargingSessionTest {

    private static final String ID = "6f1c2d3e-4a5b-4c6d-8e7f-901234567890";
    private static final String NEXT_ID = "0b7e9a52-1c3d-4e5f-a6b7-c8d9e0f1a2b3";
    private static final String CP = "JAAL34S021";
    private static final String TAG = "04A1B2C3D4";
    private static final int TX = 4711;
    private static final long METER_START = 1_000_000;
    private static final Instant STARTED_AT = Instant.parse("2025-06-01T10:00:00Z");
    private static final Instant RECEIVED_AT = Instant.parse("2025-06-01T10:00:01Z");
    private static final Instant STOPPED_AT = Instant.parse("2025-06-01T11:00:00Z");
    private static final Instant STOP_RECEIVED_AT = Instant.parse("2025-06-01T11:00:02Z");
    private static final Instant EXPIRES_AT = Instant.parse("2025-06-01T10:02:00Z");
    private static final Tariff EUR_WITH_FEE = new Tariff(new BigDecimal("0.30"), "EUR", new BigDecimal("1.00"));
    private static final Tariff EUR_NO_FEE = new Tariff(new BigDecimal("0.355"), "EUR", null);
    private static final IdTagInfo ACCEPTED = new IdTagInfo(AuthorizationStatus.Accepted, null, "FLEET-7");
    private static final IdTagInfo BLOCKED = new IdTagInfo(AuthorizationStatus.Blocked, null, "FLEET-7");

    private FixtureConfiguration<ChargingSession> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ChargingSession.class);
    }

    private static StartSession start(Tariff tariff, IdTagInfo authorization) {
        return new StartSession(ID, TX, CP, 1, TAG, METER_START, STARTED_AT, RECEIVED_AT, tariff, authorization, null);
    }

    private static StartSession start() {
        return start(EUR_WITH_FEE, ACCEPTED);
    }

    private static StartRequestedSession requestedStart() {
        return new StartRequestedSession(start());
    }

    private static SessionStarted started(Tariff tariff, IdTagInfo authorization) {
        return new SessionStarted(ID, TX, CP, 1, TAG, METER_START, STARTED_AT, RECEIVED_AT, tariff, authorization,
                null, authorization.status() == AuthorizationStatus.Accepted);
    }

    private static SessionStarted started() {
        return started(EUR_WITH_FEE, ACCEPTED);
    }

    private static StopSession stop(long meterStopWh, String reason, List<MeterSample> transactionData) {
        return new StopSession(ID, meterStopWh, STOPPED_AT, STOP_RECEIVED_AT, reason, TAG, transactionData);
    }

    private static SessionStopped stopped(long meterStopWh, long energyWh, String cost, String currency,
                                          List<String> anomalies) {
        return new SessionStopped(ID, TX, meterStopWh, "Local", STOPPED_AT, STOP_RECEIVED_AT, energyWh,
                cost == null ? null : new BigDecimal(cost), currency, anomalies, TAG, TAG);
    }

    private static RemoteStartRequested remoteStartRequested(Integer connectorId) {
        return new RemoteStartRequested(ID, CP, connectorId, TAG, "driver-alice", EXPIRES_AT);
    }

    private static MeterSample register(String timestamp, String value, String unit) {
        return new MeterSample(Instant.parse(timestamp), null, null, unit, "Sample.Periodic", "Outlet",
                new BigDecimal(value));
    }

    private static MeterSample power(String timestamp, String watts) {
        return new MeterSample(Instant.parse(timestamp), "Power.Active.Import", null, "W", null, null,
                new BigDecimal(watts));
    }

    // --- charger-initiated start --------------------------------------------------------------------------

    @Test
    void aChargerStartedSessionIsRecordedWithItsTariffAndAuthorization() {
        fixture.givenNoPriorActivity()
                .when(new StartSession(ID, TX, CP, 2, TAG, METER_START, STARTED_AT, RECEIVED_AT, EUR_WITH_FEE,
                        ACCEPTED, 42))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SessionStarted(ID, TX, CP, 2, TAG, METER_START, STARTED_AT, RECEIVED_AT,
                        EUR_WITH_FEE, ACCEPTED, 42, true));
    }

    @Test
    void anUnauthorizedStartIsRecordedAndFlaggedNotRefused() {
        fixture.givenNoPriorActivity()
                .when(start(EUR_WITH_FEE, BLOCKED))
                .expectSuccessfulHandlerExecution()
                .expectEvents(started(EUR_WITH_FEE, BLOCKED));
    }

    @Test
    void anUnpricedSessionStartsWithoutTariff() {
        fixture.givenNoPriorActivity()
                .when(start(null, ACCEPTED))
                .expectEvents(started(null, ACCEPTED));
    }

    // The new session's first event cannot be stored under an id that has events (here the fixture's store refuses
    // it; PostgreSQL's unique key does in the server).
    @Test
    void aNewSessionCannotTakeAnIdInUse() {
        fixture.given(started())
                .when(start())
                .expectException(EventStoreException.class)
                .expectNoEvents();
    }

    @Test
    void repeatingTheStartOfAStoppedSessionChangesNothing() {
        fixture.given(remoteStartRequested(1), started(), stopped(1_007_680, 7_680, "3.30", "EUR", List.of()))
                .when(requestedStart())
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void startingAStartedSessionAsAnotherTransactionIsRejected() {
        fixture.given(remoteStartRequested(1), started())
                .when(new StartRequestedSession(new StartSession(ID, TX + 1, CP, 1, TAG, METER_START, STARTED_AT,
                        RECEIVED_AT, null, ACCEPTED, null)))
                .expectException(SessionStartConflict.class)
                .expectExceptionMessage(allOf(containsString("4711"), containsString("4712")))
                .expectNoEvents();
    }

    @Test
    void startingAStoppedSessionAsAnotherTransactionIsRejected() {
        fixture.given(remoteStartRequested(1), started(), stopped(1_007_680, 7_680, "3.30", "EUR", List.of()))
                .when(new StartRequestedSession(new StartSession(ID, TX + 1, CP, 1, TAG, METER_START, STARTED_AT,
                        RECEIVED_AT, null, ACCEPTED, null)))
                .expectException(SessionStartConflict.class)
                .expectNoEvents();
    }

    @Test
    void startingWithMissingFieldsIsRejectedNamingTheFields() {
        fixture.givenNoPriorActivity()
                .when(new StartSession(ID, TX, null, 0, null, METER_START, null, null, null, null, null))
                .expectException(SessionRuleViolation.class)
                .expectExceptionMessage(allOf(containsString("chargePointId"), containsString("connectorId"),
                        containsString("idTag"), containsString("chargerTimestamp"), containsString("receivedAt"),
                        containsString("authorization")))
                .expectNoEvents();
    }

    @Test
    void aSessionIdMustBeAUuid() {
        fixture.givenNoPriorActivity()
                .when(new StartSession("session-1", TX, CP, 1, TAG, METER_START, STARTED_AT, RECEIVED_AT, null,
                        ACCEPTED, null))
                .expectException(SessionRuleViolation.class)
                .expectExceptionMessage(containsString("sessionId"))
                .expectNoEvents();
    }

    @Test
    void startingWithAnUnusableTariffIsRejectedSoThatTheStopCanAlwaysBePriced() {
        fixture.givenNoPriorActivity()
                .when(start(new Tariff(new BigDecimal("-0.10"), "EURO", new BigDecimal("-1")), ACCEPTED))
                .expectException(SessionRuleViolation.class)
                .expectExceptionMessage(allOf(containsString("tariff.pricePerKwh"),
                        containsString("tariff.currency"), containsString("tariff.sessionFee")))
                .expectNoEvents();
    }

    // --- remote start -------------------------------------------------------------------------------------

    @Test
    void requestingARemoteStartCreatesAPendingSession() {
        fixture.givenNoPriorActivity()
                .when(new RequestRemoteStart(ID, CP, 1, TAG, "driver-alice", EXPIRES_AT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(remoteStartRequested(1));
    }

    @Test
    void aRemoteStartMayLeaveTheConnectorToTheCharger() {
        fixture.givenNoPriorActivity()
                .when(new RequestRemoteStart(ID, CP, null, TAG, "driver-alice", EXPIRES_AT))
                .expectEvents(remoteStartRequested(null));
    }

    @Test
    void requestingARemoteStartForAnExistingSessionIsRejected() {
        fixture.given(remoteStartRequested(1))
                .when(new RequestRemoteStart(ID, CP, 1, TAG, "driver-alice", EXPIRES_AT))
                .expectException(SessionAlreadyExists.class)
                .expectExceptionMessage(containsString(ID))
                .expectNoEvents();
    }

    @Test
    void aRemoteStartWithInvalidFieldsIsRejectedNamingTheFields() {
        fixture.givenNoPriorActivity()
                .when(new RequestRemoteStart(ID, " ", 0, "has space", null, null))
                .expectException(SessionRuleViolation.class)
                .expectExceptionMessage(allOf(containsString("chargePointId"), containsString("connectorId"),
                        containsString("idTag"), containsString("requestedBy"), containsString("expiresAt")))
                .expectNoEvents();
    }

    @Test
    void anAcceptedRemoteStartIsRecorded() {
        fixture.given(remoteStartRequested(1))
                .when(new RecordRemoteStartAnswer(ID, true))
                .expectEvents(new RemoteStartAccepted(ID));
    }

    @Test
    void aRejectedRemoteStartFailsTheSession() {
        fixture.given(remoteStartRequested(1))
                .when(new RecordRemoteStartAnswer(ID, false))
                .expectEvents(new RemoteStartRejected(ID));
    }

    @Test
    void aRepeatedAnswerIsIdempotent() {
        fixture.given(remoteStartRequested(1), new RemoteStartAccepted(ID))
                .when(new RecordRemoteStartAnswer(ID, true))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void onlyTheFirstAnswerCounts() {
        fixture.given(remoteStartRequested(1), new RemoteStartRejected(ID))
                .when(new RecordRemoteStartAnswer(ID, true))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aLateAnswerToAnExpiredRemoteStartIsIgnored() {
        fixture.given(remoteStartRequested(1), new RemoteStartExpired(ID, EXPIRES_AT))
                .when(new RecordRemoteStartAnswer(ID, true))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anAnswerOvertakenByTheChargersStartIsIgnored() {
        fixture.given(remoteStartRequested(1), started())
                .when(new RecordRemoteStartAnswer(ID, true))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anUnansweredRemoteStartExpiresAtItsDeadline() {
        fixture.given(remoteStartRequested(1))
                .when(new ExpireRemoteStart(ID, EXPIRES_AT))
                .expectEvents(new RemoteStartExpired(ID, EXPIRES_AT));
    }

    @Test
    void anAcceptedRemoteStartThatNeverStartsExpires() {
        Instant later = EXPIRES_AT.plusSeconds(5);
        fixture.given(remoteStartRequested(1), new RemoteStartAccepted(ID))
                .when(new ExpireRemoteStart(ID, later))
                .expectEvents(new RemoteStartExpired(ID, later));
    }

    @Test
    void expiringBeforeTheDeadlineChangesNothing() {
        fixture.given(remoteStartRequested(1), new RemoteStartAccepted(ID))
                .when(new ExpireRemoteStart(ID, EXPIRES_AT.minusSeconds(1)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void expiringTwiceIsIdempotent() {
        fixture.given(remoteStartRequested(1), new RemoteStartExpired(ID, EXPIRES_AT))
                .when(new ExpireRemoteStart(ID, EXPIRES_AT.plusSeconds(60)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aStartedRemoteSessionNoLongerExpires() {
        fixture.given(remoteStartRequested(1), new RemoteStartAccepted(ID), started())
                .when(new ExpireRemoteStart(ID, EXPIRES_AT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aRejectedRemoteStartNoLongerExpires() {
        fixture.given(remoteStartRequested(1), new RemoteStartRejected(ID))
                .when(new ExpireRemoteStart(ID, EXPIRES_AT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void theChargersStartBindsToTheAcceptedRemoteStart() {
        fixture.given(remoteStartRequested(1), new RemoteStartAccepted(ID))
                .when(requestedStart())
                .expectSuccessfulHandlerExecution()
                .expectEvents(started());
    }

    @Test
    void theChargersStartMayOvertakeItsAnswerToTheRemoteStart() {
        fixture.given(remoteStartRequested(1))
                .when(requestedStart())
                .expectEvents(started());
    }

    @Test
    void theChargerChoosesTheConnectorWhenTheRequestNamedNone() {
        fixture.given(remoteStartRequested(null), new RemoteStartAccepted(ID))
                .when(requestedStart())
                .expectEvents(started());
    }

    @Test
    void theChargersTagMayDifferInCaseFromTheRequestedOne() {
        fixture.given(new RemoteStartRequested(ID, CP, 1, "04a1b2c3d4", "driver-alice", EXPIRES_AT),
                        new RemoteStartAccepted(ID))
                .when(requestedStart())
                .expectEvents(started());
    }

    @Test
    void boundAndRepeatedStartIsIdempotent() {
        fixture.given(remoteStartRequested(1), new RemoteStartAccepted(ID), started())
                .when(requestedStart())
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aStartFromAnotherChargerCannotBindToTheRemoteStart() {
        fixture.given(remoteStartRequested(1), new RemoteStartAccepted(ID))
                .when(new StartRequestedSession(new StartSession(ID, TX, "OTHER-CP", 1, TAG, METER_START, STARTED_AT,
                        RECEIVED_AT, null, ACCEPTED, null)))
                .expectException(SessionStartConflict.class)
                .expectExceptionMessage(containsString("OTHER-CP"))
                .expectNoEvents();
    }

    @Test
    void aStartForAnotherTagCannotBindToTheRemoteStart() {
        fixture.given(remoteStartRequested(1), new RemoteStartAccepted(ID))
                .when(new StartRequestedSession(new StartSession(ID, TX, CP, 1, "DEADBEEF", METER_START, STARTED_AT,
                        RECEIVED_AT, null, ACCEPTED, null)))
                .expectException(SessionStartConflict.class)
                .expectExceptionMessage(containsString("DEADBEEF"))
                .expectNoEvents();
    }

    @Test
    void aStartOnAnotherConnectorThanRequestedCannotBind() {
        fixture.given(remoteStartRequested(1), new RemoteStartAccepted(ID))
                .when(new StartRequestedSession(new StartSession(ID, TX, CP, 2, TAG, METER_START, STARTED_AT,
                        RECEIVED_AT, null, ACCEPTED, null)))
                .expectException(SessionStartConflict.class)
                .expectExceptionMessage(containsString("connector"))
                .expectNoEvents();
    }

    @Test
    void aStartAfterTheRemoteStartWasRejectedIsRejected() {
        fixture.given(remoteStartRequested(1), new RemoteStartRejected(ID))
                .when(requestedStart())
                .expectException(SessionStartConflict.class)
                .expectExceptionMessage(containsString("rejected"))
                .expectNoEvents();
    }

    @Test
    void aStartAfterTheRemoteStartExpiredIsRejected() {
        fixture.given(remoteStartRequested(1), new RemoteStartExpired(ID, EXPIRES_AT))
                .when(requestedStart())
                .expectException(SessionStartConflict.class)
                .expectExceptionMessage(containsString("expired"))
                .expectNoEvents();
    }

    // --- meter values -------------------------------------------------------------------------------------

    @Test
    void meterValuesAreRecorded() {
        List<MeterSample> samples = List.of(register("2025-06-01T10:15:00Z", "1002.5", "kWh"),
                power("2025-06-01T10:15:00Z", "7400"));
        fixture.given(started())
                .when(new RecordMeterValues(ID, samples))
                .expectEvents(new MeterValuesRecorded(ID, samples, false));
    }

    @Test
    void meterValuesAfterTheStopAreRecordedAsAnAnomalyNotRefused() {
        List<MeterSample> samples = List.of(register("2025-06-01T11:05:00Z", "1007700", "Wh"));
        fixture.given(started(), stopped(1_007_680, 7_680, "3.30", "EUR", List.of()))
                .when(new RecordMeterValues(ID, samples))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new MeterValuesRecorded(ID, samples, true));
    }

    @Test
    void noMeterValuesRecordNothing() {
        fixture.given(started())
                .when(new RecordMeterValues(ID, List.of()))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void meterValuesBeforeTheStartAreRejected() {
        fixture.given(remoteStartRequested(1), new RemoteStartAccepted(ID))
                .when(new RecordMeterValues(ID, List.of(register("2025-06-01T10:15:00Z", "1", "kWh"))))
                .expectException(SessionNotStarted.class)
                .expectExceptionMessage(containsString("accepted its remote start"))
                .expectNoEvents();
    }

    @Test
    void meterSamplesWithoutTimestampOrValueAreRejectedNamingThem() {
        fixture.given(started())
                .when(new RecordMeterValues(ID, List.of(register("2025-06-01T10:15:00Z", "1", "kWh"),
                        new MeterSample(null, null, null, "Wh", null, null, null))))
                .expectException(SessionRuleViolation.class)
                .expectExceptionMessage(allOf(containsString("samples[1].timestamp"),
                        containsString("samples[1].value")))
                .expectNoEvents();
    }

    // --- stop ---------------------------------------------------------------------------------------------

    @Test
    void stoppingComputesEnergyAndCostWithTheSessionFee() {
        fixture.given(started())
                .when(stop(METER_START + 7_680, "Local", List.of()))
                .expectEvents(stopped(METER_START + 7_680, 7_680, "3.30", "EUR", List.of()));
    }

    @Test
    void stoppingRoundsTheCostOnceToTheCurrencysMinorUnit() {
        fixture.given(started(EUR_NO_FEE, ACCEPTED))
                .when(stop(METER_START + 12_345, "Local", List.of()))
                .expectEvents(stopped(METER_START + 12_345, 12_345, "4.38", "EUR", List.of()));
    }

    @Test
    void theTariffCopiedAtTheStartPricesTheSession() {
        Tariff yen = new Tariff(new BigDecimal("45"), "JPY", new BigDecimal("100"));
        fixture.given(started(yen, ACCEPTED))
                .when(stop(METER_START + 10_500, "Local", List.of()))
                .expectEvents(stopped(METER_START + 10_500, 10_500, "573", "JPY", List.of()));
    }

    @Test
    void anUnpricedSessionHasNoCost() {
        fixture.given(started(null, ACCEPTED))
                .when(stop(METER_START + 7_680, "Local", List.of()))
                .expectEvents(stopped(METER_START + 7_680, 7_680, null, null, List.of()));
    }

    @Test
    void anUnauthorizedSessionIsStillMeteredAndPriced() {
        fixture.given(started(EUR_WITH_FEE, BLOCKED))
                .when(stop(METER_START + 7_680, "Local", List.of()))
                .expectEvents(stopped(METER_START + 7_680, 7_680, "3.30", "EUR", List.of()));
    }

    @Test
    void theStopReasonDefaultsToLocal() {
        fixture.given(started())
                .when(stop(METER_START + 7_680, null, List.of()))
                .expectEvents(stopped(METER_START + 7_680, 7_680, "3.30", "EUR", List.of()));
    }

    @Test
    void theChargersStopReasonIsKept() {
        fixture.given(started())
                .when(new StopSession(ID, METER_START, STOPPED_AT, STOP_RECEIVED_AT, "EVDisconnected", null, null))
                .expectEvents(new SessionStopped(ID, TX, METER_START, "EVDisconnected", STOPPED_AT, STOP_RECEIVED_AT,
                        0, new BigDecimal("1.00"), "EUR", List.of(), TAG, null));
    }

    @Test
    void transactionDataIsRecordedBeforeTheStop() {
        List<MeterSample> data = List.of(register("2025-06-01T10:00:00Z", "1000000", "Wh"),
                register("2025-06-01T11:00:00Z", "1007.68", "kWh"));
        fixture.given(started())
                .when(stop(METER_START + 7_680, "Local", data))
                .expectEvents(new MeterValuesRecorded(ID, data, false),
                        stopped(METER_START + 7_680, 7_680, "3.30", "EUR", List.of()));
    }

    @Test
    void invalidTransactionDataIsRejectedNamingTheSample() {
        fixture.given(started())
                .when(stop(METER_START + 7_680, "Local",
                        List.of(new MeterSample(STOPPED_AT, null, null, null, null, null, null))))
                .expectException(SessionRuleViolation.class)
                .expectExceptionMessage(containsString("transactionData[0].value"))
                .expectNoEvents();
    }

    @Test
    void stoppingTwiceIsIdempotent() {
        fixture.given(started(), stopped(METER_START + 7_680, 7_680, "3.30", "EUR", List.of()))
                .when(stop(METER_START + 9_999, "Local", List.of(register("2025-06-01T11:00:00Z", "1", "kWh"))))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aMeterStopBelowTheStartIsAnAnomalyWithZeroEnergy() {
        fixture.given(started())
                .when(stop(500, "Local", List.of()))
                .expectSuccessfulHandlerExecution()
                .expectEvents(stopped(500, 0, "1.00", "EUR", List.of(SessionAnomalies.METER_STOP_BEFORE_START)));
    }

    @Test
    void stoppingAPendingRemoteStartIsRejected() {
        fixture.given(remoteStartRequested(1))
                .when(stop(METER_START, "Local", List.of()))
                .expectException(SessionNotStarted.class)
                .expectExceptionMessage(containsString("not answered"))
                .expectNoEvents();
    }

    @Test
    void stoppingWithoutTimestampsIsRejectedNamingThem() {
        fixture.given(started())
                .when(new StopSession(ID, METER_START, null, null, null, null, null))
                .expectException(SessionRuleViolation.class)
                .expectExceptionMessage(allOf(containsString("chargerTimestamp"), containsString("receivedAt")))
                .expectNoEvents();
    }

    // --- remote stop --------------------------------------------------------------------------------------

    @Test
    void requestingARemoteStopRecordsWhatTheChargerNeeds() {
        fixture.given(started())
                .when(new RequestRemoteStop(ID, "admin-bob"))
                .expectEvents(new RemoteStopRequested(ID, TX, CP, "admin-bob"));
    }

    @Test
    void aRemoteStopMayBeRequestedAgainWhileTheSessionRuns() {
        fixture.given(started(), new RemoteStopRequested(ID, TX, CP, "admin-bob"))
                .when(new RequestRemoteStop(ID, "admin-bob"))
                .expectEvents(new RemoteStopRequested(ID, TX, CP, "admin-bob"));
    }

    @Test
    void aRemoteStopOfAStoppedSessionIsRejected() {
        fixture.given(started(), stopped(METER_START + 7_680, 7_680, "3.30", "EUR", List.of()))
                .when(new RequestRemoteStop(ID, "admin-bob"))
                .expectException(SessionAlreadyStopped.class)
                .expectExceptionMessage(containsString("already stopped"))
                .expectNoEvents();
    }

    @Test
    void aRemoteStopBeforeTheStartIsRejected() {
        fixture.given(remoteStartRequested(1), new RemoteStartAccepted(ID))
                .when(new RequestRemoteStop(ID, "admin-bob"))
                .expectException(SessionNotStarted.class)
                .expectNoEvents();
    }

    @Test
    void aRemoteStopOfAFailedRemoteStartIsRejected() {
        fixture.given(remoteStartRequested(1), new RemoteStartRejected(ID))
                .when(new RequestRemoteStop(ID, "admin-bob"))
                .expectException(SessionNotStarted.class)
                .expectExceptionMessage(containsString("rejected"))
                .expectNoEvents();
    }

    @Test
    void aRemoteStopNamesWhoAskedForIt() {
        fixture.given(started())
                .when(new RequestRemoteStop(ID, null))
                .expectException(SessionRuleViolation.class)
                .expectExceptionMessage(containsString("requestedBy"))
                .expectNoEvents();
    }

    // --- anomalies ----------------------------------------------------------------------------------------

    @Test
    void aChargerRebootMidSessionIsFlagged() {
        fixture.given(started())
                .when(new FlagSessionAnomaly(ID, SessionAnomalies.CHARGER_REBOOTED_MID_SESSION, "BootNotification"))
                .expectEvents(new SessionAnomalyFlagged(ID, SessionAnomalies.CHARGER_REBOOTED_MID_SESSION,
                        "BootNotification"));
    }

    @Test
    void anAnomalyCanBeFlaggedOnAStoppedSession() {
        fixture.given(started(), stopped(METER_START + 7_680, 7_680, "3.30", "EUR", List.of()))
                .when(new FlagSessionAnomaly(ID, "LATE_STATUS", null))
                .expectEvents(new SessionAnomalyFlagged(ID, "LATE_STATUS", null));
    }

    @Test
    void anAnomalyNeedsACode() {
        fixture.given(started())
                .when(new FlagSessionAnomaly(ID, " ", "something"))
                .expectException(SessionRuleViolation.class)
                .expectExceptionMessage(containsString("anomaly"))
                .expectNoEvents();
    }

    // --- superseded sessions ------------------------------------------------------------------------------

    private static SessionStopped superseded(long meterStopWh, long energyWh, String cost, List<String> anomalies) {
        return new SessionStopped(ID, TX, meterStopWh, "Superseded", STOPPED_AT, STOPPED_AT, energyWh,
                new BigDecimal(cost), "EUR", anomalies, TAG, null);
    }

    @Test
    void aSupersededSessionStopsAtTheHighestRegisterReading() {
        fixture.given(started(),
                        new MeterValuesRecorded(ID, List.of(register("2025-06-01T10:30:00Z", "1004000", null),
                                power("2025-06-01T10:30:00Z", "99999999")), false),
                        new MeterValuesRecorded(ID, List.of(register("2025-06-01T10:45:00Z", "1007.6805", "kWh")), false),
                        new MeterValuesRecorded(ID, List.of(register("2025-06-01T10:50:00Z", "1007000", "Wh")), false))
                .when(new CloseSupersededSession(ID, STOPPED_AT, NEXT_ID))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SessionSuperseded(ID, NEXT_ID, STOPPED_AT),
                        superseded(1_007_680, 7_680, "3.30", List.of(SessionAnomalies.SUPERSEDED_BY_NEW_START)));
    }

    @Test
    void perPhaseReadingsAreNotTheSessionsRegister() {
        MeterSample perPhase = new MeterSample(STOPPED_AT, null, "L1", "Wh", null, null, new BigDecimal("2000000"));
        fixture.given(started(),
                        new MeterValuesRecorded(ID, List.of(register("2025-06-01T10:30:00Z", "1001000", "Wh"),
                                perPhase), false))
                .when(new CloseSupersededSession(ID, STOPPED_AT, NEXT_ID))
                .expectEvents(new SessionSuperseded(ID, NEXT_ID, STOPPED_AT),
                        superseded(1_001_000, 1_000, "1.30", List.of(SessionAnomalies.SUPERSEDED_BY_NEW_START)));
    }

    @Test
    void aSupersededSessionWithoutReadingsStopsAtItsMeterStart() {
        fixture.given(started())
                .when(new CloseSupersededSession(ID, STOPPED_AT, NEXT_ID))
                .expectEvents(new SessionSuperseded(ID, NEXT_ID, STOPPED_AT),
                        superseded(METER_START, 0, "1.00", List.of(SessionAnomalies.SUPERSEDED_BY_NEW_START)));
    }

    @Test
    void aSupersededSessionWhoseReadingsFellBelowTheStartAlsoFlagsThat() {
        fixture.given(started(),
                        new MeterValuesRecorded(ID, List.of(register("2025-06-01T10:30:00Z", "12", "Wh")), false))
                .when(new CloseSupersededSession(ID, STOPPED_AT, NEXT_ID))
                .expectEvents(new SessionSuperseded(ID, NEXT_ID, STOPPED_AT),
                        superseded(12, 0, "1.00", List.of(SessionAnomalies.SUPERSEDED_BY_NEW_START,
                                SessionAnomalies.METER_STOP_BEFORE_START)));
    }

    @Test
    void closingAnAlreadyStoppedSessionIsIdempotent() {
        fixture.given(started(), stopped(METER_START + 7_680, 7_680, "3.30", "EUR", List.of()))
                .when(new CloseSupersededSession(ID, STOPPED_AT, NEXT_ID))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void closingASupersededSessionTwiceIsIdempotent() {
        fixture.given(started(), new SessionSuperseded(ID, NEXT_ID, STOPPED_AT),
                        superseded(METER_START, 0, "1.00", List.of(SessionAnomalies.SUPERSEDED_BY_NEW_START)))
                .when(new CloseSupersededSession(ID, STOPPED_AT, NEXT_ID))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aSessionThatNeverStartedCannotBeSuperseded() {
        fixture.given(remoteStartRequested(1))
                .when(new CloseSupersededSession(ID, STOPPED_AT, NEXT_ID))
                .expectException(SessionNotStarted.class)
                .expectNoEvents();
    }
}
