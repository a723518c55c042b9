package io.chargeledger.session.api;

import java.time.Instant;

/** Links a session to the one that replaced it on its connector; always followed by its SessionStopped. */
public record SessionSuperseded(String sessionId, String supersededBy, Instant at) {
}
