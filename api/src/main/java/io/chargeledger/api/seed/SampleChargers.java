package io.chargeledger.api.seed;

import io.chargeledger.charger.api.AuthorizationKey;
import io.chargeledger.charger.api.ChargerAlreadyRegistered;
import io.chargeledger.charger.api.ChargerDetails;
import io.chargeledger.charger.api.Location;
import io.chargeledger.charger.api.Pricing;
import io.chargeledger.charger.api.RegisterCharger;
import java.math.BigDecimal;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * {@code --seed} registers four sample chargers through ordinary commands. Chargers already registered are
 * left alone, so seeding twice changes nothing. Their authorization keys are generated and printed once:
 * no credential lives in the repository.
 */
@Component
public class SampleChargers implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SampleChargers.class);

    private final CommandGateway commandGateway;
    private final EventStore eventStore;

    public SampleChargers(CommandGateway commandGateway, EventStore eventStore) {
        this.commandGateway = commandGateway;
        this.eventStore = eventStore;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (args.containsOption("seed")) {
            seed();
        }
    }

    public void seed() {
        for (Sample sample : samples()) {
            if (eventStore.lastSequenceNumberFor(sample.chargePointId()).isPresent()) {
                log.info("Sample charger {} already registered", sample.chargePointId());
                continue;
            }
            String key = AuthorizationKey.generate(24);
            try {
                commandGateway.sendAndWait(new RegisterCharger(sample.chargePointId(), sample.details(), 1,
                        AuthorizationKey.hash(key)));
                log.warn("Registered sample charger {} (security profile 1); its authorization key, shown once: {}",
                        sample.chargePointId(), key);
            } catch (ChargerAlreadyRegistered raced) {
                log.info("Sample charger {} already registered", sample.chargePointId());
            }
        }
    }

    record Sample(String chargePointId, ChargerDetails details) {
    }

    static List<Sample> samples() {
        Pricing eur = new Pricing(new BigDecimal("0.35"), "EUR", new BigDecimal("0.50"));
        return List.of(
                new Sample("JAAL34S021", new ChargerDetails("JAAL34S021", "8EM1310-3EJ04-0GA0", "Siemens",
                        "VersiCharge 8EM1310", 240, 32, 32, "192.168.10.143", "Production",
                        new Location("Plant 1 car park", "Werner-von-Siemens-Str. 1, Erlangen",
                                new BigDecimal("49.5897"), new BigDecimal("11.0120")), eur, 1)),
                new Sample("ABB-TAC-0001", new ChargerDetails("TACW22-0001", "6AGC082156", "ABB",
                        "Terra AC W22-T-R-0", 400, 32, 32, "192.168.10.150", "Production",
                        new Location("Visitor parking", "Brown Boveri Strasse 1, Baden",
                                new BigDecimal("47.4760"), new BigDecimal("8.3050")), eur, 1)),
                new Sample("TESLA-WC3-0001", new ChargerDetails("PGT21100001", "1529455-02-G", "Tesla",
                        "Wall Connector Gen 3", 240, 48, 48, "192.168.10.151", "Staff",
                        new Location("Staff garage", "1 Tesla Road, Austin",
                                new BigDecimal("30.2225"), new BigDecimal("-97.6170")),
                        new Pricing(new BigDecimal("0.28"), "USD", null), 1)),
                new Sample("EVB-ELVI-0001", new ChargerDetails("EVB-P1807012", "E3321-A42S1-01", "EVBox",
                        "Elvi", 230, 16, 32, "192.168.10.152", "Staging",
                        new Location("Depot entrance", "Kabelweg 47, Amsterdam", null, null),
                        new Pricing(new BigDecimal("0.32"), "EUR", new BigDecimal("1.00")), 1)));
    }
}
