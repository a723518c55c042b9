package io.chargeledger.ocpp.outbound;

public class ChargerNotConnected extends RuntimeException {
    public ChargerNotConnected(String chargePointId) {
        super("Charger " + chargePointId + " is not connected");
    }
}
