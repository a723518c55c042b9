package io.chargeledger.session;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

import io.chargeledger.session.api.AuthorizationStatus;
import io.chargeledger.session.api.AuthorizeIdTag;
import io.chargeledger.session.api.BlockIdTag;
import io.chargeledger.session.api.ClaimSessionSlot;
import io.chargeledger.session.api.DeleteIdTag;
import io.chargeledger.session.api.ExpireIdTag;
import io.chargeledger.session.api.IdTagAlreadyRegistered;
import io.chargeledger.session.api.IdTagBlocked;
import io.chargeledger.session.api.IdTagDeleted;
import io.chargeledger.session.api.IdTagDeletedException;
import io.chargeledger.session.api.IdTagExpired;
import io.chargeledger.session.api.IdTagInfo;
import io.chargeledger.session.api.IdTagRegistered;
import io.chargeledger.session.api.IdTagRuleViolation;
import io.chargeledger.session.api.IdTagSessionClaimed;
import io.chargeledger.session.api.IdTagSessionReleased;
import io.chargeledger.session.api.IdTagStatus;
import io.chargeledger.session.api.IdTagUnblocked;
import io.chargeledger.session.api.IdTagUpdated;
import io.chargeledger.session.api.RegisterIdTag;
import io.chargeledger.session.api.ReleaseSessionSlot;
import io.chargeledger.session.api.UnblockIdTag;
import io.chargeledger.session.api.UpdateIdTag;
import java.time.Instant;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IdTagTest {

    private static final String TAG = "04A1B2C3D4";
    private static final String PARENT = "FLEET-7";
    private static final Instant NOW = Instant.parse("2025-06-01T10:00:00Z");
    private static final Instant EXPIRY = Instant.parse("2025-12-31T23:59:59Z");

    private FixtureConfiguration<IdTag> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(IdTag.class);
    }

    private static IdTagRegistered registered(Integer maxActiveSessions) {
        return new IdTagRegistered(TAG, IdTagStatus.Accepted, EXPIRY, PARENT, maxActiveSessions, "alice");
    }

    private static IdTagRegistered registered() {
        return registered(null);
    }

    private static IdTagInfo info(AuthorizationStatus status) {
        return new IdTagInfo(status, EXPIRY, PARENT);
    }

    // --- registration -------------------------------------------------------------------------------------

    @Test
    void registeringANewTagRecordsIt() {
        fixture.givenNoPriorActivity()
                .when(new RegisterIdTag(TAG, IdTagStatus.Accepted, EXPIRY, PARENT, null, "alice"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(registered());
    }

    @Test
    void registeringWithOnlyTheRequiredFieldsRecordsIt() {
        fixture.givenNoPriorActivity()
                .when(new RegisterIdTag(TAG, IdTagStatus.Blocked, null, null, null, null))
                .expectEvents(new IdTagRegistered(TAG, IdTagStatus.Blocked, null, null, null, null));
    }

    @Test
    void registeringTwiceIsRejected() {
        fixture.given(registered())
                .when(new RegisterIdTag(TAG, IdTagStatus.Accepted, null, null, null, null))
                .expectException(IdTagAlreadyRegistered.class)
                .expectExceptionMessage(containsString(TAG))
                .expectNoEvents();
    }

    @Test
    void idTagsAreCaseInsensitiveAndStoredInUpperCase() {
        fixture.givenNoPriorActivity()
                .when(new RegisterIdTag("04a1b2c3d4", IdTagStatus.Accepted, EXPIRY, "fleet-7", null, "alice"))
                .expectEvents(registered());
    }

    @Test
    void aChargersLowerCaseTagReachesTheRegisteredTag() {
        fixture.given(registered())
                .when(new AuthorizeIdTag("04a1b2c3d4", NOW))
                .expectResultMessagePayload(info(AuthorizationStatus.Accepted));
    }

    @Test
    void registeringWithInvalidFieldsIsRejectedNamingTheFields() {
        fixture.givenNoPriorActivity()
                .when(new RegisterIdTag(TAG, null, null, "has space", 0, " "))
                .expectException(IdTagRuleViolation.class)
                .expectExceptionMessage(allOf(containsString("status"), containsString("parentIdTag"),
                        containsString("maxActiveSessions"), containsString("owner")))
                .expectNoEvents();
    }

    @Test
    void anIdTagLongerThanTwentyCharactersIsRejected() {
        fixture.givenNoPriorActivity()
                .when(new RegisterIdTag("X".repeat(21), IdTagStatus.Accepted, null, null, null, null))
                .expectException(IdTagRuleViolation.class)
                .expectExceptionMessage(containsString("idTag"))
                .expectNoEvents();
    }

    @Test
    void aDeletedTagCanBeRegisteredAgain() {
        fixture.given(registered(), new IdTagDeleted(TAG))
                .when(new RegisterIdTag(TAG, IdTagStatus.Accepted, null, null, 1, "bob"))
                .expectEvents(new IdTagRegistered(TAG, IdTagStatus.Accepted, null, null, 1, "bob"));
    }

    @Test
    void aReRegisteredTagIsAcceptedAgain() {
        fixture.given(registered(), new IdTagDeleted(TAG),
                        new IdTagRegistered(TAG, IdTagStatus.Accepted, null, null, null, "bob"))
                .when(new AuthorizeIdTag(TAG, NOW))
                .expectResultMessagePayload(new IdTagInfo(AuthorizationStatus.Accepted, null, null));
    }

    // --- administration -----------------------------------------------------------------------------------

    @Test
    void updatingReplacesTheDetails() {
        fixture.given(registered())
                .when(new UpdateIdTag(TAG, IdTagStatus.Accepted, null, null, 2, "bob"))
                .expectEvents(new IdTagUpdated(TAG, IdTagStatus.Accepted, null, null, 2, "bob"));
    }

    @Test
    void updatingWithInvalidFieldsIsRejectedNamingTheFields() {
        fixture.given(registered())
                .when(new UpdateIdTag(TAG, IdTagStatus.Accepted, null, null, -1, null))
                .expectException(IdTagRuleViolation.class)
                .expectExceptionMessage(containsString("maxActiveSessions"))
                .expectNoEvents();
    }

    @Test
    void updatingADeletedTagIsRejected() {
        fixture.given(registered(), new IdTagDeleted(TAG))
                .when(new UpdateIdTag(TAG, IdTagStatus.Accepted, null, null, null, null))
                .expectException(IdTagDeletedException.class)
                .expectNoEvents();
    }

    @Test
    void blockingRecordsIt() {
        fixture.given(registered())
                .when(new BlockIdTag(TAG))
                .expectEvents(new IdTagBlocked(TAG));
    }

    @Test
    void blockingTwiceIsIdempotent() {
        fixture.given(registered(), new IdTagBlocked(TAG))
                .when(new BlockIdTag(TAG))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void blockingADeletedTagIsRejected() {
        fixture.given(registered(), new IdTagDeleted(TAG))
                .when(new BlockIdTag(TAG))
                .expectException(IdTagDeletedException.class)
                .expectNoEvents();
    }

    @Test
    void unblockingRecordsIt() {
        fixture.given(registered(), new IdTagBlocked(TAG))
                .when(new UnblockIdTag(TAG))
                .expectEvents(new IdTagUnblocked(TAG));
    }

    @Test
    void unblockingATagThatIsNotBlockedChangesNothing() {
        fixture.given(registered())
                .when(new UnblockIdTag(TAG))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void unblockingNeverRevivesAnExpiredTag() {
        fixture.given(registered(), new IdTagExpired(TAG))
                .when(new UnblockIdTag(TAG))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void unblockingADeletedTagIsRejected() {
        fixture.given(registered(), new IdTagBlocked(TAG), new IdTagDeleted(TAG))
                .when(new UnblockIdTag(TAG))
                .expectException(IdTagDeletedException.class)
                .expectNoEvents();
    }

    @Test
    void expiringRecordsIt() {
        fixture.given(registered())
                .when(new ExpireIdTag(TAG))
                .expectEvents(new IdTagExpired(TAG));
    }

    @Test
    void expiringTwiceIsIdempotent() {
        fixture.given(registered(), new IdTagExpired(TAG))
                .when(new ExpireIdTag(TAG))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void expiringADeletedTagIsRejected() {
        fixture.given(registered(), new IdTagDeleted(TAG))
                .when(new ExpireIdTag(TAG))
                .expectException(IdTagDeletedException.class)
                .expectNoEvents();
    }

    @Test
    void deletingRecordsIt() {
        fixture.given(registered())
                .when(new DeleteIdTag(TAG))
                .expectEvents(new IdTagDeleted(TAG));
    }

    @Test
    void deletingTwiceIsIdempotent() {
        fixture.given(registered(), new IdTagDeleted(TAG))
                .when(new DeleteIdTag(TAG))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    // --- authorization ------------------------------------------------------------------------------------

    @Test
    void anAcceptedTagIsAcceptedWithItsExpiryAndParent() {
        fixture.given(registered())
                .when(new AuthorizeIdTag(TAG, NOW))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(info(AuthorizationStatus.Accepted))
                .expectNoEvents();
    }

    @Test
    void aBlockedTagIsBlocked() {
        fixture.given(registered(), new IdTagBlocked(TAG))
                .when(new AuthorizeIdTag(TAG, NOW))
                .expectResultMessagePayload(info(AuthorizationStatus.Blocked))
                .expectNoEvents();
    }

    @Test
    void aTagRegisteredAsBlockedIsBlocked() {
        fixture.given(new IdTagRegistered(TAG, IdTagStatus.Blocked, null, null, null, null))
                .when(new AuthorizeIdTag(TAG, NOW))
                .expectResultMessagePayload(new IdTagInfo(AuthorizationStatus.Blocked, null, null));
    }

    @Test
    void anUnblockedTagIsAcceptedAgain() {
        fixture.given(registered(), new IdTagBlocked(TAG), new IdTagUnblocked(TAG))
                .when(new AuthorizeIdTag(TAG, NOW))
                .expectResultMessagePayload(info(AuthorizationStatus.Accepted));
    }

    @Test
    void anExpiredTagIsExpired() {
        fixture.given(registered(), new IdTagExpired(TAG))
                .when(new AuthorizeIdTag(TAG, NOW))
                .expectResultMessagePayload(info(AuthorizationStatus.Expired))
                .expectNoEvents();
    }

    @Test
    void aTagPastItsExpiryDateIsExpired() {
        fixture.given(registered())
                .when(new AuthorizeIdTag(TAG, EXPIRY.plusSeconds(1)))
                .expectResultMessagePayload(info(AuthorizationStatus.Expired))
                .expectNoEvents();
    }

    @Test
    void aTagIsStillValidAtTheExactExpiryInstant() {
        fixture.given(registered())
                .when(new AuthorizeIdTag(TAG, EXPIRY))
                .expectResultMessagePayload(info(AuthorizationStatus.Accepted));
    }

    @Test
    void aTagWithoutExpiryDateNeverExpiresByTime() {
        fixture.given(new IdTagRegistered(TAG, IdTagStatus.Accepted, null, null, null, null))
                .when(new AuthorizeIdTag(TAG, Instant.parse("2999-01-01T00:00:00Z")))
                .expectResultMessagePayload(new IdTagInfo(AuthorizationStatus.Accepted, null, null));
    }

    @Test
    void aBlockedTagPastItsExpiryIsReportedBlocked() {
        fixture.given(registered(), new IdTagBlocked(TAG))
                .when(new AuthorizeIdTag(TAG, EXPIRY.plusSeconds(1)))
                .expectResultMessagePayload(info(AuthorizationStatus.Blocked));
    }

    @Test
    void anUpdatedExpiryDateRenewsAnExpiredTag() {
        Instant renewed = Instant.parse("2026-12-31T00:00:00Z");
        fixture.given(registered(), new IdTagUpdated(TAG, IdTagStatus.Accepted, renewed, PARENT, null, "alice"))
                .when(new AuthorizeIdTag(TAG, EXPIRY.plusSeconds(1)))
                .expectResultMessagePayload(new IdTagInfo(AuthorizationStatus.Accepted, renewed, PARENT));
    }

    @Test
    void aDeletedTagIsInvalidAndDisclosesNothing() {
        fixture.given(registered(), new IdTagDeleted(TAG))
                .when(new AuthorizeIdTag(TAG, NOW))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(IdTagInfo.invalid())
                .expectNoEvents();
    }

    @Test
    void anUnknownTagIsNotFoundSoTheCallerCanAnswerInvalid() {
        fixture.givenNoPriorActivity()
                .when(new AuthorizeIdTag("UNKNOWN", NOW))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void authorizingWithoutATimeIsRejected() {
        fixture.given(registered())
                .when(new AuthorizeIdTag(TAG, null))
                .expectException(IdTagRuleViolation.class)
                .expectExceptionMessage(containsString("at"));
    }

    @Test
    void authorizationIgnoresTheSessionLimitSoARunningSessionCanBeStopped() {
        fixture.given(registered(1), new IdTagSessionClaimed(TAG, "s1"))
                .when(new AuthorizeIdTag(TAG, NOW))
                .expectResultMessagePayload(info(AuthorizationStatus.Accepted));
    }

    // --- session slots ------------------------------------------------------------------------------------

    @Test
    void claimingASlotUnderTheLimitIsAcceptedAndRecorded() {
        fixture.given(registered(2), new IdTagSessionClaimed(TAG, "s1"))
                .when(new ClaimSessionSlot(TAG, "s2", NOW))
                .expectResultMessagePayload(info(AuthorizationStatus.Accepted))
                .expectEvents(new IdTagSessionClaimed(TAG, "s2"));
    }

    @Test
    void claimingWithoutALimitIsAlwaysAccepted() {
        fixture.given(registered(), new IdTagSessionClaimed(TAG, "s1"), new IdTagSessionClaimed(TAG, "s2"))
                .when(new ClaimSessionSlot(TAG, "s3", NOW))
                .expectResultMessagePayload(info(AuthorizationStatus.Accepted))
                .expectEvents(new IdTagSessionClaimed(TAG, "s3"));
    }

    @Test
    void claimingAtTheLimitIsConcurrentTx() {
        fixture.given(registered(1), new IdTagSessionClaimed(TAG, "s1"))
                .when(new ClaimSessionSlot(TAG, "s2", NOW))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(info(AuthorizationStatus.ConcurrentTx))
                .expectNoEvents();
    }

    @Test
    void claimingTheSameSessionTwiceIsIdempotent() {
        fixture.given(registered(1), new IdTagSessionClaimed(TAG, "s1"))
                .when(new ClaimSessionSlot(TAG, "s1", NOW))
                .expectResultMessagePayload(info(AuthorizationStatus.Accepted))
                .expectNoEvents();
    }

    @Test
    void aRetriedClaimKeepsItsAnswerEvenAfterABlock() {
        fixture.given(registered(), new IdTagSessionClaimed(TAG, "s1"), new IdTagBlocked(TAG))
                .when(new ClaimSessionSlot(TAG, "s1", NOW))
                .expectResultMessagePayload(info(AuthorizationStatus.Accepted))
                .expectNoEvents();
    }

    @Test
    void claimingWithABlockedTagIsBlocked() {
        fixture.given(registered(), new IdTagBlocked(TAG))
                .when(new ClaimSessionSlot(TAG, "s1", NOW))
                .expectResultMessagePayload(info(AuthorizationStatus.Blocked))
                .expectNoEvents();
    }

    @Test
    void claimingWithAnExpiredTagIsExpired() {
        fixture.given(registered(), new IdTagExpired(TAG))
                .when(new ClaimSessionSlot(TAG, "s1", NOW))
                .expectResultMessagePayload(info(AuthorizationStatus.Expired))
                .expectNoEvents();
    }

    @Test
    void claimingWithATagPastItsExpiryDateIsExpired() {
        fixture.given(registered())
                .when(new ClaimSessionSlot(TAG, "s1", EXPIRY.plusSeconds(1)))
                .expectResultMessagePayload(info(AuthorizationStatus.Expired))
                .expectNoEvents();
    }

    @Test
    void claimingWithADeletedTagIsInvalid() {
        fixture.given(registered(), new IdTagDeleted(TAG))
                .when(new ClaimSessionSlot(TAG, "s1", NOW))
                .expectResultMessagePayload(IdTagInfo.invalid())
                .expectNoEvents();
    }

    @Test
    void aBlockedTagAtItsLimitIsReportedBlockedNotConcurrentTx() {
        fixture.given(registered(1), new IdTagSessionClaimed(TAG, "s1"), new IdTagBlocked(TAG))
                .when(new ClaimSessionSlot(TAG, "s2", NOW))
                .expectResultMessagePayload(info(AuthorizationStatus.Blocked))
                .expectNoEvents();
    }

    @Test
    void claimingWithoutASessionIdIsRejected() {
        fixture.given(registered())
                .when(new ClaimSessionSlot(TAG, null, NOW))
                .expectException(IdTagRuleViolation.class)
                .expectExceptionMessage(containsString("sessionId"))
                .expectNoEvents();
    }

    @Test
    void aReleasedSlotCanBeClaimedByTheNextSession() {
        fixture.given(registered(1), new IdTagSessionClaimed(TAG, "s1"), new IdTagSessionReleased(TAG, "s1"))
                .when(new ClaimSessionSlot(TAG, "s2", NOW))
                .expectResultMessagePayload(info(AuthorizationStatus.Accepted))
                .expectEvents(new IdTagSessionClaimed(TAG, "s2"));
    }

    @Test
    void loweringTheLimitKeepsRunningSessionsButRefusesNewOnes() {
        fixture.given(registered(), new IdTagSessionClaimed(TAG, "s1"), new IdTagSessionClaimed(TAG, "s2"),
                        new IdTagUpdated(TAG, IdTagStatus.Accepted, EXPIRY, PARENT, 1, "alice"))
                .when(new ClaimSessionSlot(TAG, "s3", NOW))
                .expectResultMessagePayload(info(AuthorizationStatus.ConcurrentTx))
                .expectNoEvents();
    }

    @Test
    void releasingAHeldSlotRecordsIt() {
        fixture.given(registered(1), new IdTagSessionClaimed(TAG, "s1"))
                .when(new ReleaseSessionSlot(TAG, "s1", NOW))
                .expectEvents(new IdTagSessionReleased(TAG, "s1"))
                .expectResultMessagePayload(info(AuthorizationStatus.Accepted));
    }

    @Test
    void releasingAnswersTheTagsStandingAtTheStopForItsStopTransactionConf() {
        fixture.given(registered(1), new IdTagSessionClaimed(TAG, "s1"), new IdTagBlocked(TAG))
                .when(new ReleaseSessionSlot(TAG, "s1", NOW))
                .expectEvents(new IdTagSessionReleased(TAG, "s1"))
                .expectResultMessagePayload(info(AuthorizationStatus.Blocked));
        fixture.given(registered(1), new IdTagSessionClaimed(TAG, "s1"))
                .when(new ReleaseSessionSlot(TAG, "s1", EXPIRY.plusSeconds(1)))
                .expectEvents(new IdTagSessionReleased(TAG, "s1"))
                .expectResultMessagePayload(info(AuthorizationStatus.Expired));
    }

    @Test
    void releasingWithoutATimeIsRefusedAndFreesNothing() {
        fixture.given(registered(1), new IdTagSessionClaimed(TAG, "s1"))
                .when(new ReleaseSessionSlot(TAG, "s1", null))
                .expectException(IdTagRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void releasingASlotThatWasNeverHeldChangesNothing() {
        fixture.given(registered(1))
                .when(new ReleaseSessionSlot(TAG, "s1", NOW))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void releasingTwiceIsIdempotent() {
        fixture.given(registered(1), new IdTagSessionClaimed(TAG, "s1"), new IdTagSessionReleased(TAG, "s1"))
                .when(new ReleaseSessionSlot(TAG, "s1", NOW))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aDeletedTagsSessionsStillReleaseTheirSlots() {
        fixture.given(registered(1), new IdTagSessionClaimed(TAG, "s1"), new IdTagDeleted(TAG))
                .when(new ReleaseSessionSlot(TAG, "s1", NOW))
                .expectEvents(new IdTagSessionReleased(TAG, "s1"))
                .expectResultMessagePayload(IdTagInfo.invalid());
    }
}
