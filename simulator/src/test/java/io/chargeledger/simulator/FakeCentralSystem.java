package io.chargeledger.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.protocols.IProtocol;
import org.java_websocket.protocols.Protocol;
import org.java_websocket.server.WebSocketServer;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A fake OCPP 1.6-J central system for tests (org.java-websocket server on 127.0.0.1, random
 * port). It records every frame, answers the charge point's CALLs, can send CALLs of its own,
 * and checks OCPP-J rules as it goes (violations are collected, tests assert there are none).
 */
final class FakeCentralSystem extends WebSocketServer {

    static final Pattern UTC_TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z");
    static final Set<String> STATUSES = Set.of("Available", "Preparing", "Charging", "SuspendedEVSE", "SuspendedEV",
            "Finishing", "Reserved", "Unavailable", "Faulted");
    static final Set<String> ERROR_CODES = Set.of("ConnectorLockFailure", "EVCommunicationError", "GroundFailure",
            "HighTemperature", "InternalError", "LocalListConflict", "NoError", "OtherError", "OverCurrentFailure",
            "PowerMeterFailure", "PowerSwitchFailure", "ReaderFailure", "ResetFailure", "UnderVoltage", "OverVoltage",
            "WeakSignal");
    static final Set<String> STOP_REASONS = Set.of("EmergencyStop", "EVDisconnected", "HardReset", "Local", "Other",
            "PowerLoss", "Reboot", "Remote", "SoftReset", "UnlockCommand", "DeAuthorized");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One recorded frame. {@code inbound} = sent by the charge point. */
    record Frame(String chargerId, int connection, Instant at, boolean inbound, JsonNode json) {
        int type() {
            return json.get(0).asInt();
        }

        String messageId() {
            return json.get(1).asText();
        }

        boolean isCall() {
            return type() == 2;
        }

        String action() {
            return isCall() ? json.get(2).asText() : null;
        }

        JsonNode payload() {
            return json.get(type() == 2 ? 3 : 2);
        }

        @Override
        public String toString() {
            return chargerId + "#" + connection + (inbound ? " > " : " < ") + json;
        }
    }

    private static final class Peer {
        final String chargerId;
        final int connection;
        volatile String outstandingCall;

        Peer(String chargerId, int connection) {
            this.chargerId = chargerId;
            this.connection = connection;
        }
    }

    private final CountDownLatch started = new CountDownLatch(1);
    private final ScheduledExecutorService delayer = Executors.newSingleThreadScheduledExecutor();
    private final Map<String, List<Frame>> frames = new ConcurrentHashMap<>();
    private final Map<String, WebSocket> current = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> handshakes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> connections = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> seenIds = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> boots = new ConcurrentHashMap<>();
    private final Set<String> everAccepted = ConcurrentHashMap.newKeySet();
    private final Map<String, CompletableFuture<JsonNode>> pendingServerCalls = new ConcurrentHashMap<>();
    final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    final List<String> authorizationHeaders = Collections.synchronizedList(new ArrayList<>());
    final List<String> requestedProtocols = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger nextTransactionId = new AtomicInteger(1000);
    private final AtomicInteger serverMessageIds = new AtomicInteger();

    // behaviour knobs
    volatile int heartbeatInterval = 1;
    /** (chargerId, n-th boot starting at 1) -> status. */
    volatile java.util.function.BiFunction<String, Integer, String> bootStatus = (id, n) -> "Accepted";
    volatile Function<String, String> authorizeStatus = tag -> "Accepted";
    /** Reject the first n handshakes of every charger. */
    volatile int rejectFirstHandshakes;
    volatile String requiredPassword;
    /** action -> CALLERROR code to answer with instead of a result. */
    final Map<String, String> errorFor = new ConcurrentHashMap<>();
    /** action -> CALLERROR code for the next CALL of that action only. */
    final Map<String, String> errorOnceFor = new ConcurrentHashMap<>();
    /** actions left unanswered. */
    final Set<String> silentFor = ConcurrentHashMap.newKeySet();
    volatile long responseDelayMillis;

    FakeCentralSystem() {
        super(new InetSocketAddress("127.0.0.1", 0),
                List.of(new Draft_6455(Collections.emptyList(), List.<IProtocol>of(new Protocol("ocpp1.6")))));
        setReuseAddr(true);
        setConnectionLostTimeout(0);
    }

    static FakeCentralSystem startNew() throws InterruptedException {
        FakeCentralSystem s = new FakeCentralSystem();
        s.start();
        if (!s.started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("fake central system did not start");
        }
        return s;
    }

    String url() {
        return "ws://127.0.0.1:" + getPort() + "/ocpp/";
    }

    void shutdown() {
        try {
            stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        delayer.shutdownNow();
    }

    // ------------------------------------------------------------------ recording accessors

    List<Frame> frames(String chargerId) {
        List<Frame> list = frames.get(chargerId);
        if (list == null) {
            return List.of();
        }
        synchronized (list) {
            return new ArrayList<>(list);
        }
    }

    /** CALLs sent by the charge point, in order. */
    List<Frame> calls(String chargerId) {
        return frames(chargerId).stream().filter(f -> f.inbound() && f.isCall()).toList();
    }

    List<Frame> calls(String chargerId, String action) {
        return calls(chargerId).stream().filter(f -> action.equals(f.action())).toList();
    }

    long totalCalls() {
        return frames.keySet().stream().mapToLong(id -> calls(id).size()).sum();
    }

    int handshakes(String chargerId) {
        AtomicInteger n = handshakes.get(chargerId);
        return n == null ? 0 : n.get();
    }

    int connections(String chargerId) {
        AtomicInteger n = connections.get(chargerId);
        return n == null ? 0 : n.get();
    }

    boolean isConnected(String chargerId) {
        WebSocket ws = current.get(chargerId);
        return ws != null && ws.isOpen();
    }

    /** Sends a CALL to a connected charge point; completes with the CALLRESULT payload (or an [4,...] array). */
    CompletableFuture<JsonNode> call(String chargerId, String action, ObjectNode payload) {
        WebSocket ws = current.get(chargerId);
        if (ws == null) {
            throw new IllegalStateException(chargerId + " is not connected");
        }
        String id = "cs-" + serverMessageIds.incrementAndGet();
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pendingServerCalls.put(id, f);
        sendRaw(ws, JSON.createArrayNode().add(2).add(id).add(action).add(payload).toString());
        return f;
    }

    /** Sends any text and returns the next frame answering messageId (for malformed-frame tests). */
    CompletableFuture<JsonNode> sendRawExpectingAnswer(String chargerId, String messageId, String text) {
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pendingServerCalls.put(messageId, f);
        sendRaw(current.get(chargerId), text);
        return f;
    }

    void dropConnection(String chargerId) {
        WebSocket ws = current.get(chargerId);
        if (ws != null) {
            ws.close(CloseFrame.GOING_AWAY, "test drops the connection");
        }
    }

    private void sendRaw(WebSocket ws, String text) {
        Peer peer = ws.getAttachment();
        record(peer, false, text);
        ws.send(text);
    }

    // ------------------------------------------------------------------ server callbacks

    @Override
    public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket conn, Draft draft,
                                                                       ClientHandshake request) throws InvalidDataException {
        ServerHandshakeBuilder builder = super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
        String chargerId = chargerIdOf(request.getResourceDescriptor());
        int n = handshakes.computeIfAbsent(chargerId, k -> new AtomicInteger()).incrementAndGet();
        String auth = request.getFieldValue("Authorization");
        authorizationHeaders.add(auth);
        requestedProtocols.add(request.getFieldValue("Sec-WebSocket-Protocol"));
        if (n <= rejectFirstHandshakes) {
            throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "refused by test");
        }
        if (requiredPassword != null) {
            String expected = "Basic " + java.util.Base64.getEncoder().encodeToString(
                    (chargerId + ":" + requiredPassword).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            if (!expected.equals(auth)) {
                throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "bad credentials");
            }
        }
        return builder;
    }

    static String chargerIdOf(String resource) {
        int slash = resource.lastIndexOf('/');
        return resource.substring(slash + 1);
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        String chargerId = chargerIdOf(handshake.getResourceDescriptor());
        int n = connections.computeIfAbsent(chargerId, k -> new AtomicInteger()).incrementAndGet();
        conn.setAttachment(new Peer(chargerId, n));
        current.put(chargerId, conn);
        frames.computeIfAbsent(chargerId, k -> Collections.synchronizedList(new ArrayList<>()));
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        Peer peer = conn.getAttachment();
        if (peer != null) {
            current.remove(peer.chargerId, conn);
        }
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        Peer peer = conn.getAttachment();
        JsonNode json;
        try {
            json = JSON.readTree(message);
        } catch (Exception e) {
            violations.add(peer.chargerId + ": not JSON: " + message);
            return;
        }
        if (!json.isArray() || json.size() < 3 || !json.get(0).isInt() || !json.get(1).isTextual()) {
            violations.add(peer.chargerId + ": malformed frame " + message);
            return;
        }
        record(peer, true, json);
        int type = json.get(0).asInt();
        String id = json.get(1).asText();
        if (type == 3 || type == 4) {
            CompletableFuture<JsonNode> f = pendingServerCalls.remove(id);
            if (f == null) {
                violations.add(peer.chargerId + ": answer to unknown id " + message);
            } else {
                f.complete(type == 3 ? json.get(2) : json);
            }
            return;
        }
        if (type != 2 || json.size() != 4 || !json.get(2).isTextual() || !json.get(3).isObject()) {
            violations.add(peer.chargerId + ": malformed CALL " + message);
            return;
        }
        String action = json.get(2).asText();
        ObjectNode payload = (ObjectNode) json.get(3);
        if (id.isEmpty() || id.length() > 36) {
            violations.add(peer.chargerId + ": message id length " + id);
        }
        if (!seenIds.computeIfAbsent(peer.chargerId, k -> ConcurrentHashMap.newKeySet()).add(id + "/" + peer.connection)) {
            violations.add(peer.chargerId + ": duplicate message id on one connection " + id);
        }
        if (peer.outstandingCall != null) {
            violations.add(peer.chargerId + ": CALL " + id + " while " + peer.outstandingCall + " is unanswered");
        }
        if (!action.equals("BootNotification") && !everAccepted.contains(peer.chargerId)) {
            violations.add(peer.chargerId + ": " + action + " before any accepted BootNotification");
        }
        checkPayload(peer.chargerId, action, payload);
        if (silentFor.contains(action)) {
            return;
        }
        peer.outstandingCall = id;
        Runnable answer = () -> {
            peer.outstandingCall = null;
            String error = errorOnceFor.remove(action);
            if (error == null) {
                error = errorFor.get(action);
            }
            if (error != null) {
                sendRaw(conn, JSON.createArrayNode().add(4).add(id).add(error).add("test error")
                        .add(JSON.createObjectNode()).toString());
                return;
            }
            ObjectNode result = respond(peer.chargerId, action, payload);
            if (result == null) {
                sendRaw(conn, JSON.createArrayNode().add(4).add(id).add("NotImplemented").add(action)
                        .add(JSON.createObjectNode()).toString());
            } else {
                sendRaw(conn, JSON.createArrayNode().add(3).add(id).add(result).toString());
            }
        };
        if (responseDelayMillis > 0) {
            delayer.schedule(answer, responseDelayMillis, TimeUnit.MILLISECONDS);
        } else {
            answer.run();
        }
    }

    private ObjectNode respond(String chargerId, String action, ObjectNode payload) {
        ObjectNode r = JSON.createObjectNode();
        switch (action) {
            case "BootNotification" -> {
                int n = boots.computeIfAbsent(chargerId, k -> new AtomicInteger()).incrementAndGet();
                String status = bootStatus.apply(chargerId, n);
                if (status.equals("Accepted")) {
                    everAccepted.add(chargerId);
                }
                r.put("status", status);
                r.put("currentTime", Instant.now().toString());
                r.put("interval", heartbeatInterval);
            }
            case "Heartbeat" -> r.put("currentTime", Instant.now().toString());
            case "Authorize" -> r.putObject("idTagInfo").put("status", authorizeStatus.apply(payload.path("idTag").asText()));
            case "StartTransaction" -> {
                r.put("transactionId", nextTransactionId.incrementAndGet());
                r.putObject("idTagInfo").put("status", authorizeStatus.apply(payload.path("idTag").asText()));
            }
            case "StopTransaction" -> r.putObject("idTagInfo").put("status", "Accepted");
            case "StatusNotification", "MeterValues", "DiagnosticsStatusNotification", "FirmwareStatusNotification" -> {
            }
            default -> {
                return null;
            }
        }
        return r;
    }

    private void checkPayload(String chargerId, String action, ObjectNode p) {
        List<String> problems = new ArrayList<>();
        switch (action) {
            case "BootNotification" -> {
                requireText(p, "chargePointVendor", 20, problems);
                requireText(p, "chargePointModel", 20, problems);
                allowOnly(p, problems, "chargePointVendor", "chargePointModel", "chargePointSerialNumber",
                        "chargeBoxSerialNumber", "firmwareVersion", "iccid", "imsi", "meterType", "meterSerialNumber");
            }
            case "Heartbeat", "ClearCache" -> allowOnly(p, problems);
            case "Authorize" -> {
                requireText(p, "idTag", 20, problems);
                allowOnly(p, problems, "idTag");
            }
            case "StatusNotification" -> {
                requireInt(p, "connectorId", problems);
                requireEnum(p, "status", STATUSES, problems);
                requireEnum(p, "errorCode", ERROR_CODES, problems);
                requireTimestamp(p, "timestamp", false, problems);
                allowOnly(p, problems, "connectorId", "errorCode", "info", "status", "timestamp", "vendorId",
                        "vendorErrorCode");
            }
            case "StartTransaction" -> {
                requireInt(p, "connectorId", problems);
                requireText(p, "idTag", 20, problems);
                requireInt(p, "meterStart", problems);
                requireTimestamp(p, "timestamp", true, problems);
                allowOnly(p, problems, "connectorId", "idTag", "meterStart", "reservationId", "timestamp");
            }
            case "StopTransaction" -> {
                requireInt(p, "meterStop", problems);
                requireInt(p, "transactionId", problems);
                requireTimestamp(p, "timestamp", true, problems);
                if (p.has("reason")) {
                    requireEnum(p, "reason", STOP_REASONS, problems);
                }
                if (p.has("transactionData")) {
                    checkMeterValues(p.get("transactionData"), problems);
                }
                allowOnly(p, problems, "idTag", "meterStop", "timestamp", "transactionId", "reason", "transactionData");
            }
            case "MeterValues" -> {
                requireInt(p, "connectorId", problems);
                if (p.has("transactionId") && !p.get("transactionId").isInt()) {
                    problems.add("transactionId not int");
                }
                checkMeterValues(p.get("meterValue"), problems);
                allowOnly(p, problems, "connectorId", "transactionId", "meterValue");
            }
            case "DiagnosticsStatusNotification" -> requireEnum(p, "status",
                    Set.of("Idle", "Uploaded", "UploadFailed", "Uploading"), problems);
            case "FirmwareStatusNotification" -> requireEnum(p, "status", Set.of("Downloaded", "DownloadFailed",
                    "Downloading", "Idle", "InstallationFailed", "Installing", "Installed"), problems);
            default -> problems.add("unexpected action");
        }
        for (String problem : problems) {
            violations.add(chargerId + ": " + action + ": " + problem + " in " + p);
        }
    }

    private static void checkMeterValues(JsonNode meterValue, List<String> problems) {
        if (meterValue == null || !meterValue.isArray() || meterValue.isEmpty()) {
            problems.add("meterValue must be a non-empty array");
            return;
        }
        for (JsonNode mv : meterValue) {
            if (!mv.path("timestamp").isTextual() || !UTC_TIMESTAMP.matcher(mv.path("timestamp").asText()).matches()) {
                problems.add("meterValue.timestamp");
            }
            JsonNode svs = mv.get("sampledValue");
            if (svs == null || !svs.isArray() || svs.isEmpty()) {
                problems.add("sampledValue must be a non-empty array");
                continue;
            }
            for (JsonNode sv : svs) {
                if (!sv.path("value").isTextual()) {
                    problems.add("sampledValue.value must be a string");
                }
                Set<String> allowed = Set.of("value", "context", "format", "measurand", "phase", "location", "unit");
                sv.fieldNames().forEachRemaining(n -> {
                    if (!allowed.contains(n)) {
                        problems.add("sampledValue." + n);
                    }
                });
            }
        }
    }

    private static void requireText(JsonNode p, String field, int max, List<String> problems) {
        JsonNode v = p.get(field);
        if (v == null || !v.isTextual() || v.asText().length() > max) {
            problems.add(field);
        }
    }

    private static void requireInt(JsonNode p, String field, List<String> problems) {
        JsonNode v = p.get(field);
        if (v == null || !v.isInt()) {
            problems.add(field);
        }
    }

    private static void requireEnum(JsonNode p, String field, Set<String> values, List<String> problems) {
        JsonNode v = p.get(field);
        if (v == null || !v.isTextual() || !values.contains(v.asText())) {
            problems.add(field);
        }
    }

    private static void requireTimestamp(JsonNode p, String field, boolean required, List<String> problems) {
        JsonNode v = p.get(field);
        if (v == null) {
            if (required) {
                problems.add(field);
            }
            return;
        }
        if (!v.isTextual() || !UTC_TIMESTAMP.matcher(v.asText()).matches()) {
            problems.add(field + " not ISO-8601 UTC with Z");
        }
    }

    private static void allowOnly(JsonNode p, List<String> problems, String... fields) {
        Set<String> allowed = new HashSet<>(List.of(fields));
        p.fieldNames().forEachRemaining(n -> {
            if (!allowed.contains(n)) {
                problems.add("unknown field " + n);
            }
        });
    }

    private void record(Peer peer, boolean inbound, String text) {
        try {
            JsonNode json = JSON.readTree(text);
            if (json.isArray() && json.size() >= 3) {
                record(peer, inbound, json);
            }
        } catch (Exception e) {
            // deliberately malformed test frame: not recorded
        }
    }

    private void record(Peer peer, boolean inbound, JsonNode json) {
        if (peer == null) {
            return;
        }
        frames.computeIfAbsent(peer.chargerId, k -> Collections.synchronizedList(new ArrayList<>()))
                .add(new Frame(peer.chargerId, peer.connection, Instant.now(), inbound, json));
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        if (conn == null) {
            violations.add("server error: " + ex);
        }
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    static ObjectNode payload() {
        return JSON.createObjectNode();
    }

    static ArrayNode array() {
        return JSON.createArrayNode();
    }
}
