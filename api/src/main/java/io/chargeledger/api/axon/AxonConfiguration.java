package io.chargeledger.api.axon;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.chargeledger.charger.Charger;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.AsynchronousCommandBus;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    /**
     * The Jackson 2 mapper Axon serializes events, messages, tokens and snapshots with (Boot 4's own web
     * layer uses Jackson 3; the two live side by side). Instants are written as ISO-8601 text so stored
     * events stay readable to auditors, and unknown properties are tolerated so old events keep loading
     * after a field is removed.
     */
    @Bean("defaultAxonObjectMapper")
    ObjectMapper defaultAxonObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /**
     * Commands run on their own pool instead of the caller's thread: a WebSocket thread hands a charger's
     * command over and is free for the next frame; the CALLRESULT is written when the command's future completes
     * (after its events are stored). Replaces Axon's default local segment; Axon Server, when enabled, wraps it.
     */
    @Bean(destroyMethod = "shutdown")
    @Qualifier("localSegment")
    AsynchronousCommandBus commandBus(TransactionManager transactionManager,
                                      org.axonframework.config.Configuration axonConfiguration,
                                      DuplicateCommandHandlerResolver duplicateCommandHandlerResolver,
                                      @Value("${chargeledger.command-threads:32}") int threads) {
        AsynchronousCommandBus bus = AsynchronousCommandBus.builder()
                .transactionManager(transactionManager)
                .duplicateCommandHandlerResolver(duplicateCommandHandlerResolver)
                .messageMonitor(axonConfiguration.messageMonitor(CommandBus.class, "commandBus"))
                .executor(commandExecutor(threads))
                .build();
        bus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(axonConfiguration.correlationDataProviders()));
        return bus;
    }

    private static ExecutorService commandExecutor(int threads) {
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "command-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return Executors.newFixedThreadPool(threads, factory);
    }

    /** The domain modules know nothing of Spring, so their aggregates are registered here. */
    @Bean
    ConfigurerModule aggregates() {
        return configurer -> configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(Charger.class));
    }
}
