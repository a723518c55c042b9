package io.chargeledger.api.persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.event.ApplicationContextInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the embedded PostgreSQL on its own thread as soon as the application's settings are known, so that initdb
 * and PostgreSQL's start-up (about a second on a fresh data directory, measured) overlap with the seconds Spring spends
 * building the context instead of coming after them. The database bean then takes the started instance
 * ({@link EmbeddedPostgresConfiguration#embeddedPostgres}). The server's main method adds this listener; without it
 * (tests) the database starts when its bean is created, with the same settings.
 */
public class EmbeddedPostgresEarlyStart implements ApplicationListener<ApplicationContextInitializedEvent> {

    static final String BEAN_NAME = "embeddedPostgresStartedEarly";

    @Override
    public void onApplicationEvent(ApplicationContextInitializedEvent event) {
        ConfigurableApplicationContext context = event.getApplicationContext();
        if (!EmbeddedPostgresConfiguration.isEmbedded(context.getEnvironment())
                || !(context.getBeanFactory() instanceof DefaultListableBeanFactory beans)) {
            return;
        }
        Starting starting = new Starting();
        Thread thread = new Thread(() -> {
            try {
                starting.database.complete(EmbeddedPostgresConfiguration.start(context.getEnvironment()));
            } catch (Throwable failure) {
                starting.database.completeExceptionally(failure);
            }
        }, "embedded-postgres-start");
        thread.setDaemon(true);
        thread.start();
        beans.registerSingleton(BEAN_NAME, starting);
        // a context that fails before the database bean took it must still stop the PostgreSQL it started
        beans.registerDisposableBean(BEAN_NAME, starting);
    }

    /** The database being started; taken once by the database bean, which then owns (and closes) it. */
    public static final class Starting implements DisposableBean {

        private final CompletableFuture<EmbeddedPostgres> database = new CompletableFuture<>();
        private final AtomicBoolean taken = new AtomicBoolean();

        EmbeddedPostgres take() throws IOException {
            if (!taken.compareAndSet(false, true)) {
                throw new IllegalStateException("the early started PostgreSQL was already taken");
            }
            try {
                return database.get();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while the embedded PostgreSQL started", interrupted);
            } catch (ExecutionException failed) {
                if (failed.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new IOException("the embedded PostgreSQL did not start: " + failed.getCause(), failed.getCause());
            }
        }

        boolean taken() {
            return taken.get();
        }

        @Override
        public void destroy() throws Exception {
            if (taken.compareAndSet(false, true)) {
                try {
                    database.get().close();
                } catch (ExecutionException didNotStart) {
                    // nothing runs that needs stopping
                }
            }
        }
    }
}
