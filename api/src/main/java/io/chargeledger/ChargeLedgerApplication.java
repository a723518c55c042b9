package io.chargeledger;

import io.chargeledger.api.persistence.EmbeddedPostgresEarlyStart;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.context.ConfigurableApplicationContext;

@SpringBootApplication
// Naming entity packages replaces Boot's defaults. Of Axon's JPA entities only the token store's is used: events go
// through the JDBC storage engine (or Axon Server), and there are no sagas or dead-letter queues. Each unused entity
// cost start-up time (and their sequence mapping an orm.xml, whose XML schemas Hibernate loaded on every start).
@EntityScan(basePackages = {
        "io.chargeledger",
        "org.axonframework.eventhandling.tokenstore.jpa"})
public class ChargeLedgerApplication {

    /** Tomcat's WebSocket byte buffers per connection (input, output, encoder; the socket's two follow it); its default is 8 KiB. */
    public static final String TOMCAT_WEBSOCKET_BUFFER = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";
    public static final int WEBSOCKET_BUFFER_BYTES = 512;

    /** Start completely, then stop cleanly: the build's run that records the class-data archive (api/pom.xml). */
    public static final String EXIT_WHEN_STARTED = "chargeledger.exit-when-started";

    public static void main(String[] args) {
        applyProcessDefaults();
        SpringApplication application = new SpringApplication(ChargeLedgerApplication.class);
        application.addListeners(new EmbeddedPostgresEarlyStart());
        ConfigurableApplicationContext context = application.run(args);
        if (context.getEnvironment().getProperty(EXIT_WHEN_STARTED, Boolean.class, false)) {
            // closing the context stops the embedded PostgreSQL too; the JVM writes its class-data archive at exit
            System.exit(SpringApplication.exit(context));
        }
    }

    /** System properties read once per process, before Axon and Tomcat start; tests call this too. */
    public static void applyProcessDefaults() {
        // Axon's update checker would report to AxonIQ's servers; this server phones home to nobody.
        System.setProperty("axoniq.update-checker.disabled", "true");
        System.setProperty("disable-axoniq-console-message", "true");
        // Every idle charger socket keeps Tomcat's input, output and encoder buffers; OCPP frames are small and
        // larger ones are simply read in several passes, so 512-byte buffers let one node hold several times more
        // chargers. A value given on the command line (-D) wins.
        if (System.getProperty(TOMCAT_WEBSOCKET_BUFFER) == null) {
            System.setProperty(TOMCAT_WEBSOCKET_BUFFER, String.valueOf(WEBSOCKET_BUFFER_BYTES));
        }
    }
}
