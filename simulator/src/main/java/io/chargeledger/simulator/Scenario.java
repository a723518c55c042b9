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
    FAULTS,
    /**
     * Load generator, full session mix: once booted every charger repeats Authorize, StartTransaction,
     * n x MeterValues (default 5), StopTransaction, StatusNotification, Heartbeat; closed loop (each CALL
     * as soon as the previous one is answered) or open loop with {@link SimulatorConfig#rate()}.
     */
    LOAD,
    /**
     * Load generator, connection chatter: once booted every charger repeats BootNotification,
     * StatusNotification (connector 1 alternating Preparing / Available) and Heartbeat, closed or open loop.
     */
    CHATTER;

    public static Scenario parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown scenario '" + s + "' (idle, sessions, mixed, storm, faults, load, chatter)");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
