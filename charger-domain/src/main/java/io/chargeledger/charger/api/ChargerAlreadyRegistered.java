package io.chargeledger.charger.api;

public class ChargerAlreadyRegistered extends RuntimeException {
    public ChargerAlreadyRegistered(String chargePointId) {
        super("Charger " + chargePointId + " is already registered");
    }
}
