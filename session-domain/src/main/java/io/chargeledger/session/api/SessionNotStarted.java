package io.chargeledger.session.api;

public class SessionNotStarted extends RuntimeException {
    public SessionNotStarted(String sessionId, String attempted, String why) {
        super("Session " + sessionId + " cannot " + attempted + ": it has not started (" + why + ")");
    }
}
