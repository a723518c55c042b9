package io.chargeledger.simulator;

import java.util.SplittableRandom;

/**
 * A plugged-in electric vehicle, physically consistent at wall-clock time: constant-current
 * phase at the charger/vehicle power limit (7.4 or 11 kW) up to 80 % state of charge, then a
 * linear taper to 10 % of that power at 100 %; the vehicle stops drawing power (SuspendedEV)
 * at its own target state of charge.
 */
final class EvModel {

    static final double TAPER_START_SOC = 80.0;

    private final double capacityWh;
    private final double maxPowerW;
    private final double targetSoc;
    private final SplittableRandom random;
    private double soc;
    private double powerW;

    EvModel(double capacityWh, double startSoc, double targetSoc, double maxPowerW, SplittableRandom random) {
        this.capacityWh = capacityWh;
        this.soc = startSoc;
        this.targetSoc = Math.max(startSoc, Math.min(100.0, targetSoc));
        this.maxPowerW = maxPowerW;
        this.random = random;
        this.powerW = powerAt(soc);
    }

    /** A random vehicle; {@code chargerMaxW} is what the connector can deliver. */
    static EvModel random(SplittableRandom r, double chargerMaxW) {
        double capacity = 40_000 + r.nextInt(9) * 5_000;                 // 40..80 kWh
        double vehicleMax = r.nextInt(3) == 0 ? 7_400 : 11_000;
        double start = 10 + r.nextDouble() * 85;                          // 10..95 %
        double target;
        int kind = r.nextInt(5);
        if (kind == 0) {
            target = Math.min(100, start + 0.05 + r.nextDouble() * 0.3);  // nearly at its charge limit
        } else if (kind == 1) {
            target = 80 + r.nextInt(3) * 10;                              // user limit 80/90/100 %
        } else {
            target = 100;
        }
        return new EvModel(capacity, start, Math.max(start, target), Math.min(chargerMaxW, vehicleMax), r);
    }

    double powerAt(double stateOfCharge) {
        if (stateOfCharge >= targetSoc) {
            return 0;
        }
        if (stateOfCharge < TAPER_START_SOC) {
            return maxPowerW;
        }
        double fraction = (stateOfCharge - TAPER_START_SOC) / (100.0 - TAPER_START_SOC);
        return maxPowerW * Math.max(0.1, 1.0 - 0.9 * fraction);
    }

    /** Advances the vehicle by {@code seconds} of charging; returns the energy delivered in Wh. */
    double advance(double seconds) {
        double delivered = 0;
        double remaining = Math.max(0, seconds);
        while (remaining > 1e-9) {
            double step = Math.min(1.0, remaining);
            double p = powerAt(soc);
            if (p <= 0) {
                break;
            }
            double wh = p * step / 3600.0;
            double room = (targetSoc - soc) / 100.0 * capacityWh;
            if (wh >= room) {
                wh = Math.max(0, room);
                soc = targetSoc;
                delivered += wh;
                break;
            }
            soc += wh / capacityWh * 100.0;
            delivered += wh;
            remaining -= step;
        }
        double p = powerAt(soc);
        // a little measurement noise on power only (energy stays exactly integrated)
        powerW = p <= 0 ? 0 : p * (0.985 + random.nextDouble() * 0.03);
        return delivered;
    }

    boolean full() {
        return soc >= targetSoc;
    }

    double soc() {
        return soc;
    }

    double powerW() {
        return powerW;
    }

    double maxPowerW() {
        return maxPowerW;
    }
}
