package io.chargeledger.simulator;

import java.util.Locale;

/** What the simulated fleet does once connected. */
public enum Scenario {
    /** Boot, status, heartbeats; answers every central-system CALL (remote start runs until remote stop). */
    IDLE,
    /** Every charger runs RFID sessions back to back with short pauses. */
    SESSIONS,
    /** One charger in three idles, the others run sessions; all show occasional status changes. */
    MIXED,
    /** All connect and boot, then all drop the connection at once and reconnect (boot storm), repeatedly. */
    STORM,
    /** Sessions plus injected connector faults, reboots mid-session and offline periods with a local queue. */
    FAULTS;

    public static Scenario parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown scenario '" + s + "' (idle, sessions, mixed, storm, faults)");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
