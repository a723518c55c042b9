package io.chargeledger.charger.api;

/**
 * Where the charger stands with the central system after its last BootNotification. Only an Accepted charger
 * may send anything but BootNotification; the state survives reconnects and server restarts, as real
 * chargers do not boot again when they merely reconnect.
 */
public enum RegistrationStatus {
    NEVER_BOOTED, ACCEPTED, PENDING, REJECTED;

    public boolean accepted() {
        return this == ACCEPTED;
    }
}
