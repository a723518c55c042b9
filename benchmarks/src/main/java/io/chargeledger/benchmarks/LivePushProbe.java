package io.chargeledger.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.chargeledger.simulator.CallListener;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Push latency to the live console, measured from the outside: one subscriber on {@code /ws/updates} speaking what
 * the browser console speaks (bearer token in the {@code access_token} query parameter, the {@code welcome} message
 * first, then {@code {"type":"charger"|"connector"|"session","data":..}} per change), and a {@link CallListener} on
 * the simulated chargers. When a StatusNotification is answered (the server answers only after the event is stored),
 * the change waits for its {@code connector} message; latency = message received - answer received, both in this
 * JVM. A change and its message are matched by chargePointId, connectorId, status and the charger's timestamp
 * (milliseconds; the connector message carries the reported timestamp), or the oldest waiting change of that
 * charger, connector and status when a timestamp is missing. A change without its message within
 * {@link #MISSING_AFTER} is missing (a message arriving later is counted as late).
 */
final class LivePushProbe implements CallListener, WebSocket.Listener, AutoCloseable {

    static final Duration MISSING_AFTER = Duration.ofSeconds(5);

    private record Key(String chargePointId, int connectorId, String status) {
    }

    private record Seen(Long timestampMillis, long atNanos) {
        boolean matches(Long ts) {
            return timestampMillis == null || ts == null || timestampMillis.equals(ts);
        }
    }

    /** What the probe saw: latencies (ms, sorted) of the pushes within the limit and the counts around them. */
    record Result(double[] latenciesMs, int missing, int late, double maxLateMs, int pushedBeforeAnswer,
                  Map<String, Long> messagesByType, String closed) {

        int matched() {
            return latenciesMs.length;
        }

        double percentile(double p) {
            return ProjectionLagProbe.rank(latenciesMs, p);
        }

        Double max() {
            return latenciesMs.length == 0 ? null : latenciesMs[latenciesMs.length - 1];
        }
    }

    private final long missingAfterNanos;
    private final Map<Key, Deque<Seen>> waiting = new HashMap<>();     // answered, push not yet seen
    private final Map<Key, Deque<Seen>> early = new HashMap<>();       // pushed before the answer was seen here
    private final List<Double> latencies = new ArrayList<>();
    private final Map<String, Long> messagesByType = new TreeMap<>();
    private int late;
    private double maxLateMs;
    private int pushedBeforeAnswer;
    private boolean tracking;

    private final CompletableFuture<JsonNode> welcome = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket socket;
    private volatile String closed;

    LivePushProbe(Duration missingAfter) {
        this.missingAfterNanos = missingAfter.toNanos();
    }

    /**
     * Opens {@code /ws/updates?access_token=..} on the server at {@code httpBase} (http -> ws, https -> wss) and
     * waits for the welcome message.
     */
    static LivePushProbe connect(URI httpBase, String token, Duration timeout) throws IOException, InterruptedException {
        LivePushProbe probe = new LivePushProbe(MISSING_AFTER);
        URI uri = URI.create(httpBase.toString().replaceFirst("^http", "ws"))
                .resolve("/ws/updates?access_token=" + AdminClient.encode(token));
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
        try {
            probe.socket = http.newWebSocketBuilder().connectTimeout(timeout).buildAsync(uri, probe)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            probe.welcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            probe.abort();
            throw new IOException("/ws/updates: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            probe.abort();
            throw new IOException("/ws/updates: no welcome within " + timeout.toSeconds() + " s"
                    + (probe.closed == null ? "" : " (" + probe.closed + ")"));
        }
        return probe;
    }

    /** The welcome message's data (username, roles). */
    JsonNode welcome() {
        return welcome.getNow(AdminClient.JSON.nullNode()).path("data");
    }

    // ------------------------------------------------------------------ matching (synchronized, short)

    /** From now on, answered StatusNotifications wait for their push. */
    synchronized void startTracking() {
        tracking = true;
    }

    /** Answers from now on are ignored; those waiting still take their pushes. */
    synchronized void stopTracking() {
        tracking = false;
    }

    synchronized void answered(String chargePointId, int connectorId, String status, Long timestampMillis, long atNanos) {
        if (!tracking) {
            return;
        }
        Key key = new Key(chargePointId, connectorId, status);
        Seen push = take(early.get(key), timestampMillis);
        if (push != null) {
            pushedBeforeAnswer++;           // the push overtook the answer on its way to this JVM's listener
            latencies.add(0.0);
            return;
        }
        waiting.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(new Seen(timestampMillis, atNanos));
    }

    synchronized void pushed(String chargePointId, int connectorId, String status, Long timestampMillis, long atNanos) {
        Key key = new Key(chargePointId, connectorId, status);
        Seen answer = take(waiting.get(key), timestampMillis);
        if (answer != null) {
            long nanos = atNanos - answer.atNanos();
            if (nanos <= missingAfterNanos) {
                latencies.add(nanos / 1e6);
            } else {
                late++;
                maxLateMs = Math.max(maxLateMs, nanos / 1e6);
            }
            return;
        }
        if (tracking) {
            Deque<Seen> d = early.computeIfAbsent(key, k -> new ArrayDeque<>());
            while (!d.isEmpty() && atNanos - d.peekFirst().atNanos() > missingAfterNanos) {
                d.removeFirst();            // pushes of changes answered before the tracking began, or untracked
            }
            d.addLast(new Seen(timestampMillis, atNanos));
        }
    }

    private static Seen take(Deque<Seen> d, Long timestampMillis) {
        if (d == null) {
            return null;
        }
        for (Iterator<Seen> it = d.iterator(); it.hasNext(); ) {
            Seen s = it.next();
            if (s.matches(timestampMillis)) {
                it.remove();
                return s;
            }
        }
        return null;
    }

    synchronized int waitingCount() {
        return waiting.values().stream().mapToInt(Deque::size).sum();
    }

    /** Waits until no answered change waits for its push any more, at most {@code max}. */
    void awaitSettled(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (waitingCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    /** The figures; changes still waiting count as missing (call it {@link #MISSING_AFTER} after the last answer). */
    synchronized Result result() {
        double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Result(sorted, waitingCount() + late, late, maxLateMs, pushedBeforeAnswer,
                new TreeMap<>(messagesByType), closed);
    }

    // ------------------------------------------------------------------ the simulated chargers' side

    @Override
    public void onResult(String chargePointId, String action, JsonNode request, JsonNode result, long latencyMicros) {
        if (action.equals("StatusNotification")) {
            long now = System.nanoTime();
            answered(chargePointId, request.path("connectorId").asInt(-1), request.path("status").asText(),
                    epochMillis(request.path("timestamp")), now);
        }
    }

    // ------------------------------------------------------------------ the console's side

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            long now = System.nanoTime();
            String message = partial.toString();
            partial.setLength(0);
            message(message, now);
        }
        webSocket.request(1);
        return null;
    }

    void message(String text, long atNanos) {
        JsonNode m;
        try {
            m = AdminClient.JSON.readTree(text);
        } catch (IOException e) {
            count("(not JSON)");
            return;
        }
        String type = m.path("type").asText("(no type)");
        count(type);
        if (type.equals("welcome")) {
            welcome.complete(m);
        } else if (type.equals("connector")) {
            JsonNode data = m.path("data");
            JsonNode connector = data.path("connector");
            pushed(data.path("chargePointId").asText(), connector.path("connectorId").asInt(-1),
                    connector.path("status").asText(), epochMillis(connector.path("timestamp")), atNanos);
        }
    }

    private synchronized void count(String type) {
        messagesByType.merge(type, 1L, Long::sum);
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed = "closed by the server: " + statusCode + (reason == null || reason.isEmpty() ? "" : " " + reason);
        welcome.completeExceptionally(new IOException(closed));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed = "failed: " + error;
        welcome.completeExceptionally(error);
    }

    /** A timestamp as epoch milliseconds: ISO-8601 text, or a number of seconds (with fraction) or milliseconds. */
    static Long epochMillis(JsonNode n) {
        if (n == null) {
            return null;
        }
        if (n.isTextual()) {
            try {
                return Instant.parse(n.asText()).toEpochMilli();
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        if (n.isNumber()) {
            double v = n.asDouble();
            return v > 1e11 ? (long) v : Math.round(v * 1000);
        }
        return null;
    }

    private void abort() {
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
    }

    @Override
    public void close() {
        WebSocket ws = socket;
        if (ws == null || ws.isOutputClosed()) {
            abort();
            return;
        }
        try {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // gone already
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            abort();
        }
    }
}
