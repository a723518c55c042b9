package io.chargeledger.session.api;

/** Anomaly codes, stable strings because read models and exports filter on them. */
public final class SessionAnomalies {

    /** meterStop was below meterStart (meter replaced or reset): energy is recorded as 0 Wh. */
    public static final String METER_STOP_BEFORE_START = "METER_STOP_BEFORE_START";

    /** Another session started on the same connector while this one was open. */
    public static final String SUPERSEDED_BY_NEW_START = "SUPERSEDED_BY_NEW_START";

    /** For {@link FlagSessionAnomaly}: the charger sent BootNotification while this session was open. */
    public static final String CHARGER_REBOOTED_MID_SESSION = "CHARGER_REBOOTED_MID_SESSION";

    private SessionAnomalies() {
    }
}
