package io.chargeledger.session.api;

/** A StartSession that cannot be this session's start: the caller must start a new session for it instead. */
public class SessionStartConflict extends RuntimeException {
    public SessionStartConflict(String sessionId, String why) {
        super("Session " + sessionId + " cannot be started by this StartTransaction: " + why);
    }
}
