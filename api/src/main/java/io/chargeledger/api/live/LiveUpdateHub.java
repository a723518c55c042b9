package io.chargeledger.api.live;

import io.chargeledger.api.security.Roles;
import io.chargeledger.api.security.TagOwnership;
import io.chargeledger.projections.api.LiveUpdate;
import io.chargeledger.projections.api.SessionSummary;
import io.chargeledger.projections.api.WatchChargers;
import io.chargeledger.projections.api.WatchSessions;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fans read model changes out to the connected consoles. While at least one console is connected, the hub holds one
 * Axon subscription query per kind ({@link WatchChargers}, {@link WatchSessions}); the projectors emit an update
 * after their read model has committed, and only build it while such a subscription exists. Updates are handed to
 * one fan-out thread (so the projectors never wait for a slow browser, and the order of updates is kept) and sent to
 * each console it may see: chargers and connectors to everyone, a session only to admins, auditors and the driver
 * who owns its id tag.
 */
@Component
public class LiveUpdateHub {

    private static final Logger log = LoggerFactory.getLogger(LiveUpdateHub.class);
    private static final int UPDATE_BUFFER = 8192;

    private final QueryGateway queries;
    private final TagOwnership ownership;
    private final JsonMapper json;
    private final Map<String, LiveSubscriber> subscribers = new ConcurrentHashMap<>();
    private final ExecutorService fanOut = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "live-updates");
        thread.setDaemon(true);
        return thread;
    });
    private List<SubscriptionQueryResult<Boolean, LiveUpdate>> subscriptions = List.of();

    public LiveUpdateHub(QueryGateway queries, TagOwnership ownership, JsonMapper json) {
        this.queries = queries;
        this.ownership = ownership;
        this.json = json;
    }

    /** Registers a console; the first one opens the subscriptions. */
    synchronized void join(LiveSubscriber subscriber) {
        if (subscriptions.isEmpty()) {
            subscriptions = List.of(subscribe(new WatchChargers()), subscribe(new WatchSessions()));
        }
        subscribers.put(subscriber.id(), subscriber);
    }

    /** Removes a console; the last one closes the subscriptions, so projectors stop building updates. */
    synchronized void leave(String sessionId) {
        subscribers.remove(sessionId);
        if (subscribers.isEmpty()) {
            closeSubscriptions();
        }
    }

    int subscriberCount() {
        return subscribers.size();
    }

    private SubscriptionQueryResult<Boolean, LiveUpdate> subscribe(Object query) {
        SubscriptionQueryResult<Boolean, LiveUpdate> result = queries.subscriptionQuery(query.getClass().getName(), query,
                ResponseTypes.instanceOf(Boolean.class), ResponseTypes.instanceOf(LiveUpdate.class), UPDATE_BUFFER);
        result.updates().subscribe(
                update -> fanOut.execute(() -> deliver(update)),
                failure -> resubscribe(query, failure));
        return result;
    }

    // A subscription fails only when its buffer overflows; consoles then miss updates, so they are told to reload.
    private synchronized void resubscribe(Object query, Throwable failure) {
        log.warn("Live update subscription {} failed ({}); consoles are asked to reload", query, failure.toString());
        closeSubscriptions();
        subscribers.values().forEach(subscriber -> subscriber.close(CloseStatus.SERVICE_RESTARTED));
        subscribers.clear();
    }

    private void closeSubscriptions() {
        subscriptions.forEach(SubscriptionQueryResult::cancel);
        subscriptions = List.of();
    }

    private void deliver(LiveUpdate update) {
        try {
            TextMessage message = new TextMessage(json.writeValueAsString(update));
            for (LiveSubscriber subscriber : subscribers.values()) {
                if (subscriber.expired()) {
                    subscriber.close(CloseStatus.POLICY_VIOLATION.withReason("access token expired"));
                    subscribers.remove(subscriber.id());
                } else if (maySee(subscriber, update)) {
                    subscriber.send(message);
                }
            }
        } catch (RuntimeException e) {
            log.warn("Could not deliver live update {}", update.type(), e);
        }
    }

    private boolean maySee(LiveSubscriber subscriber, LiveUpdate update) {
        if (!LiveUpdate.SESSION.equals(update.type())) {
            return true; // chargers and their connectors: every role sees them
        }
        if (subscriber.hasRole(Roles.ADMIN) || subscriber.hasRole(Roles.AUDITOR)) {
            return true;
        }
        return subscriber.hasRole(Roles.DRIVER) && update.data() instanceof SessionSummary session
                && ownership.owns(subscriber.username(), session.idTag());
    }

    @PreDestroy
    synchronized void shutdown() {
        closeSubscriptions();
        fanOut.shutdownNow();
        subscribers.values().forEach(subscriber -> subscriber.close(CloseStatus.GOING_AWAY));
    }

    /** A connected console: its socket, who signed in and until when their token is valid. */
    record LiveSubscriber(WebSocketSession session, String username, java.util.Set<String> roles,
                          java.time.Instant expiresAt) {

        String id() {
            return session.getId();
        }

        boolean hasRole(String role) {
            return roles.contains(role);
        }

        boolean expired() {
            return expiresAt != null && java.time.Instant.now().isAfter(expiresAt);
        }

        void send(TextMessage message) {
            try {
                if (session.isOpen()) {
                    session.sendMessage(message);
                }
            } catch (IOException | RuntimeException e) {
                close(CloseStatus.SESSION_NOT_RELIABLE);
            }
        }

        void close(CloseStatus status) {
            try {
                session.close(status);
            } catch (IOException | RuntimeException ignored) {
                // already gone
            }
        }
    }
}
