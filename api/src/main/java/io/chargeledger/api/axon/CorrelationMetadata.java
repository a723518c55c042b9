package io.chargeledger.api.axon;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;

/**
 * Who did something and why, as Axon metadata on every command and, through correlation, on every event it causes:
 * <ul>
 *   <li>{@value #ACTOR}: {@code user:<username>} for a REST request, {@code charger:<chargePointId>} for an OCPP
 *       message (attached explicitly by the OCPP adapter);</li>
 *   <li>{@value #HTTP_REQUEST_ID}: the id of the HTTP request (also its {@code X-Request-Id} response header);</li>
 *   <li>{@value #OCPP_MESSAGE_ID} and {@value #OCPP_ACTION}: the OCPP CALL that caused it.</li>
 * </ul>
 * A servlet filter binds the current HTTP request to the sending thread ({@link #bind}); the dispatch interceptor
 * ({@link #commandDispatchInterceptor()}) reads it there and adds the keys a command does not carry yet (explicit
 * metadata always wins); the correlation data provider ({@link #correlationDataProvider()}) copies the keys from
 * the command being handled onto each event it applies, and onto commands sent while handling it.
 */
public final class CorrelationMetadata {

    public static final String ACTOR = "actor";
    public static final String HTTP_REQUEST_ID = "httpRequestId";
    public static final String OCPP_MESSAGE_ID = "ocppMessageId";
    public static final String OCPP_ACTION = "ocppAction";
    /** The keys copied from a command onto its events. */
    public static final List<String> KEYS = List.of(ACTOR, HTTP_REQUEST_ID, OCPP_MESSAGE_ID, OCPP_ACTION);

    private static final ThreadLocal<RequestContext> CURRENT = new ThreadLocal<>();

    private CorrelationMetadata() {
    }

    /**
     * The HTTP request being handled on this thread. The user is resolved when a command is sent, not when the
     * request arrives, because authentication happens in between.
     */
    private record RequestContext(String requestId, Supplier<String> username) {
    }

    /** Undoes a {@link #bind}; use with try-with-resources. */
    @FunctionalInterface
    public interface Binding extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Binds an HTTP request to the current thread until the returned binding is closed.
     *
     * @param requestId the request's id
     * @param username  answers the authenticated user's name at dispatch time, or null when there is none
     */
    public static Binding bind(String requestId, Supplier<String> username) {
        RequestContext previous = CURRENT.get();
        CURRENT.set(new RequestContext(requestId, username));
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /**
     * The metadata the current thread's HTTP request gives a command ({@value #ACTOR}, {@value #HTTP_REQUEST_ID}),
     * empty outside a request. Code that sends a command later on another thread (a future's continuation) can
     * capture this on the request thread and pass it along explicitly.
     */
    public static Map<String, String> currentRequestMetadata() {
        RequestContext context = CURRENT.get();
        if (context == null) {
            return Map.of();
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        String username = context.username().get();
        if (username != null && !username.isBlank()) {
            metadata.put(ACTOR, "user:" + username);
        }
        metadata.put(HTTP_REQUEST_ID, context.requestId());
        return metadata;
    }

    /** Copies {@link #KEYS} from the message being handled onto the messages (events, commands) it causes. */
    public static CorrelationDataProvider correlationDataProvider() {
        return exceptFromReadModels(new SimpleCorrelationDataProvider(KEYS.toArray(String[]::new)));
    }

    /**
     * The provider's correlation data, except from an event a tracking processor delivers. The tracking processors are
     * the read models, which cause no commands or events, yet Axon asks for correlation data once per event of their
     * batches (for a result message), and answering deserialized every event's stored metadata: about a seventh of a
     * read model's samples in a profiled replay (issue 6). Subscribing processors, which do send commands (remote
     * starts), still pass it on.
     */
    public static CorrelationDataProvider exceptFromReadModels(CorrelationDataProvider provider) {
        return message -> message instanceof TrackedEventMessage<?> ? Map.of() : provider.correlationDataFor(message);
    }

    /**
     * Adds the current HTTP request's actor and id to commands that do not carry them yet. Dispatch interceptors
     * run on the sending thread, before the asynchronous command bus hands the command to its own pool.
     */
    public static MessageDispatchInterceptor<CommandMessage<?>> commandDispatchInterceptor() {
        return new RequestMetadataInterceptor();
    }

    private static final class RequestMetadataInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

        @Override
        public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
            Map<String, String> request = currentRequestMetadata();
            if (request.isEmpty()) {
                return (index, command) -> command;
            }
            return (index, command) -> {
                MetaData existing = command.getMetaData();
                Map<String, String> missing = new LinkedHashMap<>();
                request.forEach((key, value) -> {
                    if (!existing.containsKey(key)) {
                        missing.put(key, value);
                    }
                });
                return missing.isEmpty() ? command : command.andMetaData(missing);
            };
        }
    }
}
