package io.chargeledger.api.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A console's view of /ws/updates over a real WebSocket (java.net.http), collecting every message it receives. */
final class LiveFeedClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocket socket;
    private final LinkedBlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
    private final List<JsonNode> seen = new CopyOnWriteArrayList<>();

    private LiveFeedClient(String url) {
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create(url), new Collector())
                .join();
    }

    /** Connects with this token in the access_token query parameter and waits for the welcome message. */
    static LiveFeedClient connect(int port, String token) {
        LiveFeedClient client = new LiveFeedClient(url(port, token));
        client.await(message -> "welcome".equals(message.path("type").asText()), Duration.ofSeconds(5));
        return client;
    }

    /** The HTTP status the handshake is refused with, or 101 if it succeeds. */
    static int handshakeStatus(int port, String token) {
        try (LiveFeedClient ignored = new LiveFeedClient(url(port, token))) {
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    private static String url(int port, String token) {
        return "ws://127.0.0.1:" + port + "/ws/updates" + (token == null ? "" : "?access_token=" + token);
    }

    /** The first message (received before or within the timeout) matching the condition; fails otherwise. */
    JsonNode await(Predicate<JsonNode> condition, Duration timeout) {
        for (JsonNode message : seen) {
            if (condition.test(message)) {
                return message;
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                JsonNode message = left <= 0 ? null : inbox.poll(left, TimeUnit.NANOSECONDS);
                if (message == null) {
                    throw new AssertionError("No matching live update within " + timeout + "; received " + seen);
                }
                if (condition.test(message)) {
                    return message;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Every message received so far. */
    List<JsonNode> received() {
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(failure -> null);
    }

    private final class Collector implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(partial.toString());
                    seen.add(message);
                    inbox.add(message);
                } catch (Exception e) {
                    throw new AssertionError("Not JSON: " + partial, e);
                } finally {
                    partial.setLength(0);
                }
            }
            webSocket.request(1);
            return CompletableFuture.completedFuture(null);
        }
    }
}
