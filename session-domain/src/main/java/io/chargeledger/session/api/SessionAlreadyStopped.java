package io.chargeledger.session.api;

public class SessionAlreadyStopped extends RuntimeException {
    public SessionAlreadyStopped(String sessionId, String attempted) {
        super("Session " + sessionId + " cannot " + attempted + ": it has already stopped");
    }
}
