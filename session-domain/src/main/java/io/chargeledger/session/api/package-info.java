/**
 * Messages of ChargeLedger's session domain: id tags and charging sessions. Send commands with Axon's
 * {@code CommandGateway}; every rejection below is thrown from the handler (and reaches the caller as is on a
 * local command bus).
 *
 * <h2>Id tags ({@code IdTag} aggregate, identifier = the idTag)</h2>
 * Every command canonicalizes idTag and parentIdTag to upper case (OCPP IdToken is case-insensitive), see
 * {@link io.chargeledger.session.api.IdTokens}.
 * <ul>
 *   <li>{@link io.chargeledger.session.api.RegisterIdTag}: {@link io.chargeledger.session.api.IdTagAlreadyRegistered}
 *       if the tag exists, {@link io.chargeledger.session.api.IdTagRuleViolation} (fields named) if invalid.
 *       A deleted tag may be registered again.</li>
 *   <li>{@link io.chargeledger.session.api.UpdateIdTag}, {@link io.chargeledger.session.api.BlockIdTag},
 *       {@link io.chargeledger.session.api.UnblockIdTag}, {@link io.chargeledger.session.api.ExpireIdTag}:
 *       {@link io.chargeledger.session.api.IdTagDeletedException} on a deleted tag. Block, unblock, expire and
 *       {@link io.chargeledger.session.api.DeleteIdTag} are idempotent.</li>
 *   <li>{@link io.chargeledger.session.api.AuthorizeIdTag} returns
 *       {@link io.chargeledger.session.api.IdTagInfo} and records nothing: Blocked, Expired (status or
 *       expiryDate before {@code at}), Invalid (deleted), else Accepted. It ignores maxActiveSessions, because
 *       chargers also Authorize to stop a running session.</li>
 *   <li>{@link io.chargeledger.session.api.ClaimSessionSlot} returns IdTagInfo: as Authorize, plus ConcurrentTx
 *       when maxActiveSessions are running; only Accepted records a claim. Retries with the same sessionId answer
 *       Accepted again.</li>
 *   <li>{@link io.chargeledger.session.api.ReleaseSessionSlot} when the session ends
 *       ({@link io.chargeledger.session.api.SessionStopped#idTag()} names the holder); idempotent. Returns IdTagInfo
 *       as Authorize at its {@code at}: the answer a StopTransaction by the same tag carries.</li>
 * </ul>
 * A charger's start and stop use the two commands that change a session and its tag's slot together (one unit of
 * work, one database transaction): {@link io.chargeledger.session.api.ClaimSlotAndStartSession} (the claim's answer
 * becomes the start's authorization and is returned; a start that fails stores no claim) and
 * {@link io.chargeledger.session.api.StopSessionAndReleaseSlot} (returns the session tag's IdTagInfo; a stop that
 * fails releases nothing). Both answer Invalid for a tag never registered, and the session is still recorded.
 * <b>Unknown tags:</b> commands to a tag that was never registered fail with Axon's
 * {@code AggregateNotFoundException}. For Authorize, ClaimSessionSlot and ReleaseSessionSlot the caller maps exactly
 * that exception to {@link io.chargeledger.session.api.IdTagInfo#invalid()} (the two combined commands do so
 * themselves); any other failure (e.g. database down) is not an answer and must become a retryable CALLERROR,
 * never Invalid.
 *
 * <h2>Charging sessions ({@code ChargingSession} aggregate, identifier = sessionId, a UUID chosen by the caller)</h2>
 * <ul>
 *   <li>{@link io.chargeledger.session.api.RequestRemoteStart} creates a pending session
 *       ({@link io.chargeledger.session.api.SessionAlreadyExists} if the id is taken). Then
 *       {@link io.chargeledger.session.api.RecordRemoteStartAnswer} (only the first answer of a waiting session
 *       counts; Rejected fails it for good) and, from a deadline scheduler,
 *       {@link io.chargeledger.session.api.ExpireRemoteStart} (fails it if still waiting and at ≥ expiresAt;
 *       otherwise ignored).</li>
 *   <li>{@link io.chargeledger.session.api.StartSession} for a charger's StartTransaction that no remote start
 *       asked for: creates the session under a new id (an id already taken fails as a storage conflict when the
 *       events are stored).</li>
 *   <li>{@link io.chargeledger.session.api.StartRequestedSession} for a charger's StartTransaction that answers a
 *       remote start: binds to the pending session with that id (same charger, same idTag ignoring case, same
 *       connector if one was requested). Repeating it with the same transactionId changes nothing; anything else on
 *       a started, stopped, rejected or expired session throws
 *       {@link io.chargeledger.session.api.SessionStartConflict}: start a new session instead. A non-Accepted
 *       authorization is recorded as {@code SessionStarted.authorized == false}, never refused.</li>
 *   <li>{@link io.chargeledger.session.api.RecordMeterValues}: recorded even after the stop
 *       ({@code afterStop}); {@link io.chargeledger.session.api.SessionNotStarted} before the start.</li>
 *   <li>{@link io.chargeledger.session.api.StopSession}: records transactionData, then
 *       {@link io.chargeledger.session.api.SessionStopped} with energy and cost; repeating it changes nothing.</li>
 *   <li>{@link io.chargeledger.session.api.RequestRemoteStop}: only for a started session
 *       ({@link io.chargeledger.session.api.SessionNotStarted}, {@link io.chargeledger.session.api.SessionAlreadyStopped}).</li>
 *   <li>{@link io.chargeledger.session.api.FlagSessionAnomaly}, e.g.
 *       {@link io.chargeledger.session.api.SessionAnomalies#CHARGER_REBOOTED_MID_SESSION} on a BootNotification
 *       while a session is open.</li>
 *   <li>{@link io.chargeledger.session.api.CloseSupersededSession}: when a StartTransaction arrives for a connector
 *       that still has an open session, send it to the <em>old</em> session; it stops with reason "Superseded" at
 *       its highest energy register reading (or meterStart) and anomaly
 *       {@link io.chargeledger.session.api.SessionAnomalies#SUPERSEDED_BY_NEW_START}. Idempotent.</li>
 * </ul>
 * Validation failures throw {@link io.chargeledger.session.api.SessionRuleViolation} naming the fields.
 */
package io.chargeledger.session.api;
