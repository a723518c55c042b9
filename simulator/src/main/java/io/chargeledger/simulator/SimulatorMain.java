package io.chargeledger.simulator;

/** Placeholder until the simulator lands. */
public final class SimulatorMain {
    public static void main(String[] args) {
        System.out.println("ChargeLedger simulator");
    }
}
