package io.chargeledger.api.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The server starts its embedded PostgreSQL while Spring builds the context: the database bean must take that
 * instance (not start a second one on the same data directory), and a start that fails before it was taken must
 * not leave a PostgreSQL running.
 */
class EmbeddedPostgresEarlyStartTest {

    @TempDir
    Path dataDir;

    @Test
    void theDatabaseBeanTakesThePostgreSqlStartedEarlyAndStopsItWithTheContext() throws Exception {
        Path pidFile = dataDir.resolve("postgres/postmaster.pid");
        try (ConfigurableApplicationContext context = application(EmbeddedPostgresConfiguration.class).run(arguments())) {
            EmbeddedPostgresEarlyStart.Starting starting = context.getBean(EmbeddedPostgresEarlyStart.Starting.class);
            EmbeddedPostgres database = context.getBean(EmbeddedPostgres.class);
            assertThat(starting.taken()).isTrue();
            try (Connection connection = context.getBean(DataSource.class).getConnection();
                 ResultSet answer = connection.createStatement().executeQuery("show data_directory")) {
                assertThat(answer.next()).isTrue();
                assertThat(Path.of(answer.getString(1))).isEqualTo(dataDir.resolve("postgres").toRealPath());
            }
            assertThat(database.getPort()).isPositive();
            assertThat(pidFile).exists();
        }
        assertThat(pidFile).doesNotExist();
    }

    @Test
    void aStartThatFailsBeforeTheDatabaseWasTakenStopsThePostgreSqlStartedEarly() {
        assertThatThrownBy(() -> application(FailsBeforeTheDatabase.class).run(arguments()))
                .hasStackTraceContaining("fails on purpose");
        // it was started (initdb ran) and then stopped cleanly (PostgreSQL removes its pid file when it shuts down)
        assertThat(dataDir.resolve("postgres/PG_VERSION")).exists();
        assertThat(dataDir.resolve("postgres/postmaster.pid")).doesNotExist();
    }

    @Test
    void withoutTheListenerTheDatabaseBeanStartsItself() throws Exception {
        SpringApplication application = new SpringApplication(EmbeddedPostgresConfiguration.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        try (ConfigurableApplicationContext context = application.run(arguments())) {
            assertThat(context.getBeanProvider(EmbeddedPostgresEarlyStart.Starting.class).getIfAvailable()).isNull();
            try (Connection connection = context.getBean(DataSource.class).getConnection()) {
                assertThat(connection.isValid(5)).isTrue();
            }
        }
        assertThat(dataDir.resolve("postgres/postmaster.pid")).doesNotExist();
    }

    @Test
    void settingsGivenAsPropertiesReachTheEmbeddedPostgreSql() throws Exception {
        String[] arguments = withArguments("--chargeledger.embedded-postgres.settings.max_wal_size=3GB",
                "--chargeledger.embedded-postgres.settings.autovacuum_naptime=17s");
        try (ConfigurableApplicationContext context = application(EmbeddedPostgresConfiguration.class).run(arguments);
             Connection connection = context.getBean(DataSource.class).getConnection()) {
            assertThat(setting(connection, "max_wal_size")).isEqualTo("3GB");
            assertThat(setting(connection, "autovacuum_naptime")).isEqualTo("17s");
            assertThat(setting(connection, "fsync")).isEqualTo("on");
        }
    }

    @Test
    void theDurabilitySettingsAndTheListenAddressCannotBeChanged() {
        for (String fixed : new String[]{"fsync=off", "synchronous_commit=off", "full_page_writes=off", "FSYNC=off",
                "listen_addresses=*"}) {
            String[] arguments = withArguments("--chargeledger.embedded-postgres.settings." + fixed);
            assertThatThrownBy(() -> application(EmbeddedPostgresConfiguration.class).run(arguments))
                    .hasStackTraceContaining("chargeledger.embedded-postgres.settings." + fixed.split("=")[0]
                            + " cannot be set: fsync, synchronous_commit and full_page_writes stay on, and the"
                            + " embedded PostgreSQL listens on 127.0.0.1 only");
            assertThat(dataDir.resolve("postgres/postmaster.pid")).doesNotExist();
        }
    }

    private static String setting(Connection connection, String name) throws Exception {
        try (ResultSet answer = connection.createStatement().executeQuery("show " + name)) {
            assertThat(answer.next()).isTrue();
            return answer.getString(1);
        }
    }

    private String[] withArguments(String... more) {
        return Stream.concat(Stream.of(arguments()), Stream.of(more)).toArray(String[]::new);
    }

    private SpringApplication application(Class<?> configuration) {
        SpringApplication application = new SpringApplication(configuration);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.addListeners(new EmbeddedPostgresEarlyStart());
        return application;
    }

    // arguments, not default properties: those yield to application.yml's data-dir
    private String[] arguments() {
        return new String[]{"--chargeledger.data-dir=" + dataDir, "--chargeledger.embedded-postgres.shared-buffers=32MB"};
    }

    @Configuration(proxyBeanMethods = false)
    static class FailsBeforeTheDatabase {

        @Bean
        Object failing() {
            throw new IllegalStateException("fails on purpose");
        }
    }
}
