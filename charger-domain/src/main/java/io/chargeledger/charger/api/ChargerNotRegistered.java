package io.chargeledger.charger.api;

public class ChargerNotRegistered extends RuntimeException {
    public ChargerNotRegistered(String chargePointId) {
        super("Charger " + chargePointId + " is not registered");
    }
}
