package io.chargeledger.api.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The embedded default: when no datasource URL is configured, run a real PostgreSQL whose data directory
 * persists under {@code chargeledger.data-dir}. Unlike the test defaults of the library, fsync,
 * synchronous_commit and full_page_writes stay on: what was acknowledged must survive a crash.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedPostgresConfiguration.EmbeddedDefault.class)
public class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    /**
     * The database the application uses: the one {@link EmbeddedPostgresEarlyStart} began starting while the context
     * was still being built (the server's main method), or else one started now (tests).
     */
    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(Environment environment,
                                      ObjectProvider<EmbeddedPostgresEarlyStart.Starting> startedEarly) throws IOException {
        EmbeddedPostgresEarlyStart.Starting starting = startedEarly.getIfAvailable();
        return starting != null ? starting.take() : start(environment);
    }

    /** Whether the application runs the embedded default: no datasource URL is configured. */
    static boolean isEmbedded(Environment environment) {
        return environment.getProperty("spring.datasource.url", "").isEmpty();
    }

    /** This configuration's condition, the same test the early start makes. */
    static final class EmbeddedDefault implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return isEmbedded(context.getEnvironment());
        }
    }

    /**
     * Settings no property may change: what was acknowledged must survive a crash, and the embedded server, which lets
     * local connections in without a password, listens on the loopback address only.
     */
    static final Set<String> FIXED_SETTINGS = Set.of("fsync", "synchronous_commit", "full_page_writes",
            "listen_addresses");

    /**
     * Further PostgreSQL settings from {@code chargeledger.embedded-postgres.settings.<name>=<value>} (checkpoints,
     * autovacuum, WAL sizes: an operator tunes the embedded server without a config file of its own).
     */
    static Map<String, String> extraSettings(Environment environment) {
        Map<String, String> settings = Binder.get(environment)
                .bind("chargeledger.embedded-postgres.settings", Bindable.mapOf(String.class, String.class))
                .orElse(Map.of());
        // PostgreSQL reads setting names case-insensitively
        settings.keySet().stream().filter(name -> FIXED_SETTINGS.contains(name.toLowerCase(Locale.ROOT))).findFirst()
                .ifPresent(name -> {
                    throw new IllegalArgumentException("chargeledger.embedded-postgres.settings." + name
                            + " cannot be set: fsync, synchronous_commit and full_page_writes stay on, and the"
                            + " embedded PostgreSQL listens on 127.0.0.1 only");
                });
        return settings;
    }

    static EmbeddedPostgres start(Environment environment) throws IOException {
        String dataDir = environment.getRequiredProperty("chargeledger.data-dir");
        int port = environment.getProperty("chargeledger.embedded-postgres.port", Integer.class, 0);
        String sharedBuffers = environment.getProperty("chargeledger.embedded-postgres.shared-buffers", "128MB");
        Path pgData = Path.of(dataDir).toAbsolutePath().normalize().resolve("postgres");
        Files.createDirectories(pgData.getParent());
        StalePostmaster.stopIfRunning(pgData);
        log.info("Starting embedded PostgreSQL with data directory {}", pgData);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                // Spring stops PostgreSQL when it destroys this bean, after the event processors and the pool are
                // closed; the library's own JVM shutdown hook would stop it at the same time as they still write.
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                // Text is compared byte by byte (order by code point, as in C.UTF-8, on any machine) instead of
                // through the C library's collation, which every B-tree on an identifier (events, sessions, samples)
                // pays for on each insert and lookup. Only a new data directory is affected; character
                // classification (upper, lower) still follows the machine's locale.
                .setLocaleConfig("lc-collate", "C")
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200")
                .setServerConfig("shared_buffers", sharedBuffers)
                // With PostgreSQL's 1 GB, a closed-loop load requested a checkpoint every 35-40 s, and after each one
                // the first change to every page wrote the whole page into the WAL again: over half of the WAL, most of
                // it in the seconds after each checkpoint began. With 4 GB checkpoints come every 5 minutes
                // (checkpoint_timeout); crash recovery then replays up to a few GB of WAL.
                .setServerConfig("max_wal_size", "4GB");
        extraSettings(environment).forEach(builder::setServerConfig);
        if (port > 0) {
            builder.setPort(port);
        }
        return builder.start();
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres postgres,
                          @Value("${spring.datasource.hikari.maximum-pool-size:40}") int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("chargeledger-embedded");
        // Hibernate's JDBC batches (events, read model rows) travel as one multi-row INSERT
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        return new HikariDataSource(config);
    }
}
