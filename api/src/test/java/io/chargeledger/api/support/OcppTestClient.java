package io.chargeledger.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * A charge point for tests: a real OCPP-J client over a real WebSocket (the JDK's client), written from the
 * OCPP-J specification. Every frame the server sends lands in {@link #frames}; helpers send CALLs and wait
 * for their answers.
 */
public final class OcppTestClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocket socket;
    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();

    private OcppTestClient(Builder builder) {
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (builder.sslContext != null) {
            http.sslContext(builder.sslContext);
        }
        WebSocket.Builder ws = http.build().newWebSocketBuilder();
        if (builder.subprotocol != null) {
            ws.subprotocols(builder.subprotocol);
        }
        if (builder.username != null) {
            ws.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (builder.username + ":" + builder.password).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            socket = ws.buildAsync(URI.create(builder.url), new Listener()).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    public static Builder to(String url) {
        return new Builder(url);
    }

    /** The HTTP status of a refused handshake, or 101 when it succeeded (and the socket is then closed). */
    public static int handshakeStatus(Builder builder) {
        try (OcppTestClient client = builder.connect()) {
            return 101;
        } catch (CompletionException | IllegalStateException e) {
            Throwable cause = e;
            while (cause != null && !(cause instanceof WebSocketHandshakeException)) {
                cause = cause.getCause();
            }
            if (cause == null) {
                throw e;
            }
            return ((WebSocketHandshakeException) cause).getResponse().statusCode();
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause != null && !(cause instanceof WebSocketHandshakeException)) {
                cause = cause.getCause();
            }
            if (cause == null) {
                throw e;
            }
            return ((WebSocketHandshakeException) cause).getResponse().statusCode();
        }
    }

    public String subprotocol() {
        return socket.getSubprotocol();
    }

    /** Sends a CALL and returns the server's answer frame (CALLRESULT or CALLERROR). */
    public JsonNode call(String action, Object payload) {
        String id = UUID.randomUUID().toString();
        ArrayNode frame = JSON.createArrayNode().add(2).add(id).add(action).add(JSON.valueToTree(payload));
        sendText(frame.toString());
        return awaitAnswer(id);
    }

    /** The CALLRESULT payload; fails when the server answered with a CALLERROR. */
    public JsonNode callOk(String action, Object payload) {
        JsonNode answer = call(action, payload);
        if (answer.get(0).asInt() != 3) {
            throw new AssertionError(action + " was answered with " + answer);
        }
        return answer.get(2);
    }

    public JsonNode boot() {
        return callOk("BootNotification", json("{\"chargePointVendor\":\"ChargeLedger\",\"chargePointModel\":\"TestPoint\","
                + "\"chargePointSerialNumber\":\"TP-1\",\"firmwareVersion\":\"1.0.0\",\"iccid\":\"8931000000000000001\","
                + "\"meterType\":\"TestMeter\"}"));
    }

    public void sendText(String text) {
        socket.sendText(text, true).join();
    }

    /** Sends one text message as several WebSocket frames (a first frame and continuation frames). */
    public void sendTextInFragments(String... fragments) {
        for (int i = 0; i < fragments.length; i++) {
            socket.sendText(fragments[i], i == fragments.length - 1).join();
        }
    }

    public void sendBinary(byte[] bytes) {
        socket.sendBinary(java.nio.ByteBuffer.wrap(bytes), true).join();
    }

    /** Waits for the answer with this message id; other frames stay queued in order. */
    public JsonNode awaitAnswer(String messageId) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        java.util.List<JsonNode> skipped = new java.util.ArrayList<>();
        try {
            while (System.nanoTime() < deadline) {
                JsonNode frame = frames.poll(100, TimeUnit.MILLISECONDS);
                if (frame == null) {
                    if (closed.isDone()) {
                        throw new AssertionError("Connection closed (" + closed.join() + ") while waiting for " + messageId);
                    }
                    continue;
                }
                if (frame.isArray() && frame.size() > 1 && messageId.equals(frame.get(1).asText())
                        && frame.get(0).asInt() != 2) {
                    frames.addAll(skipped);
                    return frame;
                }
                skipped.add(frame);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        frames.addAll(skipped);
        throw new AssertionError("No answer to " + messageId + " within 15 s");
    }

    /** The next frame from the server (for example a CALL it sends us). */
    public JsonNode nextFrame(Duration timeout) {
        try {
            JsonNode frame = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                throw new AssertionError("No frame within " + timeout);
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits for the server to send a CALL of this action, skipping nothing else. */
    public JsonNode expectCall(String action) {
        JsonNode frame = nextFrame(Duration.ofSeconds(15));
        if (frame.get(0).asInt() != 2 || !action.equals(frame.get(2).asText())) {
            throw new AssertionError("Expected a " + action + " CALL but got " + frame);
        }
        return frame;
    }

    public void reply(JsonNode call, Object payload) {
        sendText(JSON.createArrayNode().add(3).add(call.get(1).asText()).add(JSON.valueToTree(payload)).toString());
    }

    public void replyError(JsonNode call, String code, String description) {
        sendText(JSON.createArrayNode().add(4).add(call.get(1).asText()).add(code).add(description)
                .add(JSON.createObjectNode()).toString());
    }

    /** Completes with the close code the server sent (or 1006 when the connection dropped). */
    public CompletableFuture<Integer> closed() {
        return closed;
    }

    public int awaitClose(Duration timeout) {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("Connection not closed within " + timeout, e);
        }
    }

    public boolean isOpen() {
        return !closed.isDone() && !socket.isOutputClosed();
    }

    /** Drops the TCP connection without a close handshake, like a charger losing power. */
    public void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                socket.abort();
            }
        }
    }

    public static ObjectNode json(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private final class Listener implements WebSocket.Listener {

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    frames.add(JSON.readTree(text));
                } catch (Exception e) {
                    frames.add(JSON.getNodeFactory().textNode(text));
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(1006);
        }
    }

    public static final class Builder {
        private final String url;
        private String subprotocol = "ocpp1.6";
        private String username;
        private String password;
        private SSLContext sslContext;

        private Builder(String url) {
            this.url = url;
        }

        public Builder subprotocol(String subprotocol) {
            this.subprotocol = subprotocol;
            return this;
        }

        public Builder basicAuth(String username, String password) {
            this.username = username;
            this.password = password;
            return this;
        }

        public Builder ssl(SSLContext sslContext) {
            this.sslContext = sslContext;
            return this;
        }

        public OcppTestClient connect() {
            return new OcppTestClient(this);
        }
    }
}
