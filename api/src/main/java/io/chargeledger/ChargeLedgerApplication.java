package io.chargeledger;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.persistence.autoconfigure.EntityScan;

@SpringBootApplication
// Naming entity packages replaces Boot's defaults, so Axon's own JPA entities are listed beside ours.
@EntityScan(basePackages = {
        "io.chargeledger",
        "org.axonframework.eventsourcing.eventstore.jpa",
        "org.axonframework.eventhandling.tokenstore.jpa",
        "org.axonframework.modelling.saga.repository.jpa",
        "org.axonframework.eventhandling.deadletter.jpa"})
public class ChargeLedgerApplication {

    public static void main(String[] args) {
        // Axon's update checker would report to AxonIQ's servers; this server phones home to nobody.
        System.setProperty("axoniq.update-checker.disabled", "true");
        System.setProperty("disable-axoniq-console-message", "true");
        SpringApplication.run(ChargeLedgerApplication.class, args);
    }
}
