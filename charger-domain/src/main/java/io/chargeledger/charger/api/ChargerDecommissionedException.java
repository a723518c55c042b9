package io.chargeledger.charger.api;

public class ChargerDecommissionedException extends RuntimeException {
    public ChargerDecommissionedException(String chargePointId, String attempted) {
        super("Charger " + chargePointId + " is decommissioned and cannot " + attempted);
    }
}
