package io.chargeledger.projections.api;

/** One change of a read model, as pushed to live subscribers: type is charger, connector or session. */
public record LiveUpdate(String type, Object data) {

    public static final String CHARGER = "charger";
    public static final String CONNECTOR = "connector";
    public static final String SESSION = "session";
}
