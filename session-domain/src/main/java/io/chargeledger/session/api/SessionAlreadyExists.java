package io.chargeledger.session.api;

public class SessionAlreadyExists extends RuntimeException {
    public SessionAlreadyExists(String sessionId) {
        super("Session " + sessionId + " already exists; a remote start needs a new session id");
    }
}
