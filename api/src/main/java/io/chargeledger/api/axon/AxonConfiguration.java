package io.chargeledger.api.axon;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.Instant;
import io.chargeledger.api.transactions.TransactionLookupUpdater;
import io.chargeledger.charger.Charger;
import io.chargeledger.projections.charger.ChargerViewProjector;
import io.chargeledger.projections.session.IdTagViewProjector;
import io.chargeledger.projections.session.SessionViewProjector;
import io.chargeledger.session.ChargingSession;
import io.chargeledger.session.IdTag;
import io.chargeledger.session.SessionSlotCommandHandler;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.EhCache3Adapter;
import org.ehcache.CacheManager;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.core.Ehcache;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import javax.sql.DataSource;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.ChainingConverter;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

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
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                // registered after JavaTimeModule, so it is asked first
                .registerModule(new SimpleModule("utc-instants").addDeserializer(Instant.class, new UtcInstantDeserializer()))
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        // Snapshots serialize aggregates, whose state lives in private fields without getters.
        mapper.setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        return mapper;
    }

    /**
     * The one serializer for events, messages, tokens and snapshots (application.yml's axon.serializer settings all
     * name Jackson): Axon's Jackson serializer on the mapper above, as Axon's auto-configuration builds it, except that
     * it resolves each stored type name to its class once ({@link TypeCachingJacksonSerializer}).
     */
    @Bean
    @Primary
    Serializer serializer(RevisionResolver revisionResolver,
                          @Qualifier("defaultAxonObjectMapper") ObjectMapper defaultAxonObjectMapper) {
        return new TypeCachingJacksonSerializer(JacksonSerializer.builder()
                .revisionResolver(revisionResolver)
                .converter(new ChainingConverter(AxonConfiguration.class.getClassLoader()))
                .objectMapper(defaultAxonObjectMapper));
    }

    /**
     * Event payloads hold several instants each, and a replay reads millions of them: the common UTC form is read by
     * {@link IsoInstants}, anything else as Jackson's own deserializer reads it (also its errors).
     */
    static final class UtcInstantDeserializer extends StdScalarDeserializer<Instant> {

        UtcInstantDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                Instant utc = IsoInstants.parseUtc(parser.getText());
                if (utc != null) {
                    return utc;
                }
            }
            return InstantDeserializer.INSTANT.deserialize(parser, context);
        }
    }

    /**
     * Commands run on threads of their own instead of the caller's: a WebSocket thread hands a charger's command over
     * and is free for the next frame; the CALLRESULT is written when the command's future completes (after its events
     * are stored). Commands that wait together are stored together, in one transaction of up to {@code group-max}
     * commands ({@link GroupCommitCommandBus}). Replaces Axon's default local segment; Axon Server, when enabled, wraps it.
     *
     * <p>By default two threads per core. A command mostly computes and waits briefly for PostgreSQL, so a few threads
     * per core keep the cores busy; more only compete with the event processors. The operating system shares a core
     * among runnable threads alike, so sixteen command threads against one thread per projection starved the
     * projections under full load: on two cores their lag grew past a minute with 16, and stayed under half a second
     * with 4 (measured; see issue 6).
     */
    @Bean(destroyMethod = "shutdown")
    @Qualifier("localSegment")
    GroupCommitCommandBus commandBus(TransactionManager transactionManager,
                                     org.axonframework.config.Configuration axonConfiguration,
                                     DuplicateCommandHandlerResolver duplicateCommandHandlerResolver,
                                     @Value("${chargeledger.command-threads:0}") int configuredThreads,
                                     @Value("${chargeledger.commands.group-max:32}") int groupMax) {
        int threads = configuredThreads > 0 ? configuredThreads : 2 * Runtime.getRuntime().availableProcessors();
        GroupCommitCommandBus bus = new GroupCommitCommandBus(SimpleCommandBus.builder()
                .duplicateCommandHandlerResolver(duplicateCommandHandlerResolver)
                .messageMonitor(axonConfiguration.messageMonitor(CommandBus.class, "commandBus")),
                transactionManager, threads, groupMax);
        bus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(axonConfiguration.correlationDataProviders()));
        return bus;
    }

    /**
     * Axon's JDBC storage engine on the schema Flyway owns (V1, snake_case columns). Appending an event is one row in
     * a JDBC batch whose global index PostgreSQL assigns (V9): no Hibernate entity, persist and flush per event and
     * no extra round trip to the sequence (the JPA engine spent about a third of each command's CPU there).
     * Reads, tokens and gap handling are the same as the JPA engine's, so stored tokens stay valid. A streaming
     * processor reads up to {@code read-batch} events per query instead of 100, so a replay or a processor catching
     * up makes ten times fewer round trips. Each event's timestamp is parsed once as it is read
     * ({@link EventTableStorageEngine}). Only without Axon Server, which brings its own event store.
     */
    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer, PersistenceExceptionResolver persistenceExceptionResolver,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration axonConfiguration,
                                          DataSource dataSource, TransactionManager transactionManager,
                                          @Value("${chargeledger.event-store.read-batch:1000}") int readBatch,
                                          @Value("${chargeledger.event-store.gathering:10ms}") Duration gathering) {
        return new GatheringEventStorageEngine(EventTableStorageEngine.build(JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(axonConfiguration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(axonConfiguration.snapshotFilter())
                // joins the Spring transaction of the unit of work, like the read models and the transaction registry
                .connectionProvider(new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource)))
                .transactionManager(transactionManager)
                .schema(EVENT_SCHEMA)
                .dataType(byte[].class)
                .batchSize(readBatch)), gathering);
    }

    /**
     * Axon's embedded event store, as Axon's auto-configuration builds it, except that its shared reader (the thread
     * that reads new events for every projection following the head) runs before the chargers' threads
     * ({@link ProjectionPriority}). Only without Axon Server, which brings its own event store.
     */
    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration configuration) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .threadFactory(ProjectionPriority.readerThreads("EmbeddedEventStore"))
                .build();
    }

    /**
     * The event store as each read model's tracking processor reads it ({@code source} of each in application.yml):
     * batches of up to {@code live-batch-events} events near the head, of the processor's batch size in history, and
     * only the event types the processor has handlers for (see {@link CatchUpBatchingSource}).
     */
    @Bean
    CatchUpBatchingSource chargerViewEvents(EventStore eventStore, org.axonframework.config.Configuration axon,
                                            ProjectionBatching batching) {
        return batching.source(eventStore, axon, ChargerViewProjector.PROCESSING_GROUP);
    }

    @Bean
    CatchUpBatchingSource sessionViewEvents(EventStore eventStore, org.axonframework.config.Configuration axon,
                                            ProjectionBatching batching) {
        return batching.source(eventStore, axon, SessionViewProjector.PROCESSING_GROUP);
    }

    @Bean
    CatchUpBatchingSource idTagViewEvents(EventStore eventStore, org.axonframework.config.Configuration axon,
                                          ProjectionBatching batching) {
        return batching.source(eventStore, axon, IdTagViewProjector.PROCESSING_GROUP);
    }

    @Bean
    ProjectionBatching projectionBatching(@Value("${chargeledger.projections.live-batch-events:1000}") int liveBatchEvents,
                                          @Value("${chargeledger.projections.history-age:10s}") Duration historyAge,
                                          @Value("${chargeledger.projections.heap-return-after:100000}") long heapReturnAfter) {
        return new ProjectionBatching(liveBatchEvents, historyAge, heapReturnAfter, new HeapReturn());
    }

    record ProjectionBatching(int liveBatchEvents, Duration historyAge, long heapReturnAfter, HeapReturn heapReturn) {

        /**
         * The source of the named processor, which is asked (once per type) whether it handles an event type, and
         * which asks for the heap back when the processor caught up after {@code heap-return-after} events in history.
         */
        CatchUpBatchingSource source(EventStore eventStore, org.axonframework.config.Configuration axon,
                                     String processorName) {
            return new CatchUpBatchingSource(eventStore, liveBatchEvents, historyAge, Clock.systemUTC(),
                    type -> axon.eventProcessingConfiguration()
                            .eventProcessor(processorName, AbstractEventProcessor.class)
                            .map(processor -> processor.eventHandlerInvoker().canHandleType(type))
                            .orElse(true),
                    heapReturnAfter, events -> heapReturn.caughtUp(processorName, events));
        }
    }

    /** The event and snapshot tables as Flyway's V1 creates them (snake_case columns). */
    static final EventSchema EVENT_SCHEMA = EventSchema.builder()
            .eventTable("domain_event_entry")
            .snapshotTable("snapshot_event_entry")
            .globalIndexColumn("global_index")
            .timestampColumn("time_stamp")
            .eventIdentifierColumn("event_identifier")
            .aggregateIdentifierColumn("aggregate_identifier")
            .sequenceNumberColumn("sequence_number")
            .typeColumn("type")
            .payloadTypeColumn("payload_type")
            .payloadRevisionColumn("payload_revision")
            .payloadColumn("payload")
            .metaDataColumn("meta_data")
            .build();

    /** The domain modules know nothing of Spring, so their aggregates are registered here. */
    @Bean
    ConfigurerModule aggregates(Cache sessionAggregateCache) {
        // Cached: a charger's or tag's stream grows for years and every OCPP message touches one; with a cache
        // hit no events are read back. (One node owns each aggregate; with Axon Server, routing keeps it so.)
        CommandTargetResolver targets = new RememberingCommandTargetResolver();
        return configurer -> configurer
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Charger.class)
                        .configureCommandTargetResolver(config -> targets)
                        .configureCache(config -> aggregateCache("chargers"))
                        .configureSnapshotTrigger(config -> snapshotEvery(config)))
                .configureAggregate(AggregateConfigurer.defaultConfiguration(ChargingSession.class)
                        .configureCommandTargetResolver(config -> targets)
                        .configureCache(config -> sessionAggregateCache))
                .configureAggregate(AggregateConfigurer.defaultConfiguration(IdTag.class)
                        .configureCommandTargetResolver(config -> targets)
                        .configureCache(config -> aggregateCache("idTags"))
                        .configureSnapshotTrigger(config -> snapshotEvery(config)))
                // a session's start and stop, each one unit of work with its tag's slot
                .registerCommandHandler(config -> new SessionSlotCommandHandler(config.repository(IdTag.class),
                        config.repository(ChargingSession.class)));
    }

    /**
     * Chargers and tags live for years: after a restart their state loads from the latest snapshot plus the
     * events after it. (Audit reads always start from sequence 0.)
     */
    private static SnapshotTriggerDefinition snapshotEvery(org.axonframework.config.Configuration config) {
        return new EventCountSnapshotTriggerDefinition(config.snapshotter(), SNAPSHOT_EVERY_EVENTS);
    }

    private static final int SNAPSHOT_EVERY_EVENTS = 250;

    /**
     * Axon's Spring snapshotter only knows aggregates declared as Spring beans; ours are registered through
     * the configurer, so the snapshotter names their factories itself. Snapshots are taken on their own
     * thread, after the triggering command committed, so they never slow a charger's answer.
     */
    @Bean
    Snapshotter aggregateSnapshotter(EventStore eventStore, TransactionManager transactionManager) {
        return AggregateSnapshotter.builder()
                .eventStore(eventStore)
                .transactionManager(transactionManager)
                .executor(Executors.newSingleThreadExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "snapshotter");
                    thread.setDaemon(true);
                    return thread;
                }))
                .aggregateFactories(new GenericAggregateFactory<>(Charger.class), new GenericAggregateFactory<>(IdTag.class),
                        new GenericAggregateFactory<>(ChargingSession.class))
                .build();
    }

    private final CacheManager aggregateCaches = CacheManagerBuilder.newCacheManagerBuilder().build(true);

    /** An on-heap LRU of live aggregates, by reference (no copies), bounded so memory stays predictable. */
    private Cache aggregateCache(String name) {
        return new EhCache3Adapter((Ehcache) aggregateCaches.createCache(name, CacheConfigurationBuilder
                .newCacheConfigurationBuilder(Object.class, Object.class, ResourcePoolsBuilder.heap(AGGREGATE_CACHE_ENTRIES))
                .build()));
    }

    private static final long AGGREGATE_CACHE_ENTRIES = 50_000;

    /** The sessions in progress: an ended one leaves the cache ({@link EndedSessionEviction}). */
    @Bean
    Cache sessionAggregateCache() {
        return aggregateCache("sessions");
    }

    @Bean
    EndedSessionEviction endedSessionEviction(Cache sessionAggregateCache) {
        return new EndedSessionEviction(sessionAggregateCache);
    }

    /**
     * The transaction registry must commit with the session events or not at all: its handler's errors
     * propagate and roll the unit of work back instead of being logged and skipped.
     */
    @Bean
    ConfigurerModule transactionLookupErrorsPropagate() {
        return configurer -> configurer.eventProcessing().registerListenerInvocationErrorHandler(
                TransactionLookupUpdater.PROCESSING_GROUP, config -> PropagatingErrorHandler.instance());
    }

    /**
     * Audit trail: copies who ({@code actor}) and why ({@code httpRequestId}, {@code ocppMessageId},
     * {@code ocppAction}) from each command onto the events it applies. See {@link CorrelationMetadata}.
     */
    @Bean
    CorrelationDataProvider auditCorrelationDataProvider() {
        return CorrelationMetadata.correlationDataProvider();
    }

    /**
     * Axon's own provider (correlationId, traceId) is auto-configured only while no other provider bean exists;
     * declaring the audit provider above would drop it, so it is kept explicitly (and, like the audit provider, not
     * asked about the read models' events).
     */
    @Bean
    CorrelationDataProvider axonMessageOriginProvider() {
        return CorrelationMetadata.exceptFromReadModels(new MessageOriginProvider());
    }

    /**
     * Adds the HTTP request's actor and id to commands sent while handling it. Axon's interceptor
     * auto-configuration registers every such bean on the CommandGateway, where it runs on the sending thread.
     */
    @Bean
    MessageDispatchInterceptor<CommandMessage<?>> requestMetadataDispatchInterceptor() {
        return CorrelationMetadata.commandDispatchInterceptor();
    }
}
