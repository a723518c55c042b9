package io.chargeledger.session.api;

import java.time.Instant;

/** The charger never sent its StartTransaction in time: the session failed and never starts. */
public record RemoteStartExpired(String sessionId, Instant expiredAt) {
}
