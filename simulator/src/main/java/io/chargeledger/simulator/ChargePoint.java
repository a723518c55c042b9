package io.chargeledger.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One simulated OCPP 1.6-J charge point. All state is owned by a {@link SerialExecutor}
 * (mailbox on a shared pool), so no thread is ever dedicated to a charge point.
 *
 * <p>The public methods are a thread-safe handle: they post work to the charge point and
 * return immediately.
 */
public final class ChargePoint {

    enum Role { IDLE, SESSIONS, LOAD, CHATTER }

    enum BootState { NONE, PENDING, REJECTED, ACCEPTED }

    private static final int MAX_QUEUE = 10_000;
    private static final String[] FAULT_CODES = {"GroundFailure", "HighTemperature", "OverCurrentFailure",
            "PowerMeterFailure", "ConnectorLockFailure", "EVCommunicationError", "UnderVoltage", "OverVoltage",
            "OtherError"};

    private final Simulator sim;
    private final SimulatorConfig cfg;
    private final Stats stats;
    private final String id;
    private final int number;
    private final String idTag;
    private final Role role;
    private final URI uri;
    private final String authorization;
    private final SerialExecutor actor;
    private final SplittableRandom random;
    private final ConfigurationStore config;
    private final Connector[] connectors;     // [0] is the charge point as a whole

    // connection
    private Conn conn;
    private long connectSeq;
    private boolean connecting;
    private int failedConnects;
    private long offlineUntilNanos;
    private boolean started;
    private boolean stopping;
    private boolean stopped;

    // boot / heartbeat
    private BootState boot = BootState.NONE;
    private boolean bootQueued;
    private int bootFailures;
    private long bootGen;
    private long heartbeatGen;
    private long heartbeatMillis;
    private long meterIntervalMillis;
    private boolean heartbeatOutstanding;
    private ScheduledFuture<?> heartbeatTimer;

    // outgoing calls: one outstanding CALL, the rest queued in order
    private final ArrayDeque<PendingCall> queue = new ArrayDeque<>();
    private PendingCall inFlight;
    private long retryHoldUntilNanos;
    private long messageSeq;
    private Runnable whenDrained;
    private boolean rebootPending;

    // behaviour
    private long driverGen;
    private int sessionsDone;
    private boolean driverFinished;
    private boolean eventsStarted;
    private int nextConnector;

    // load generator (load / chatter scenarios): the mix step to send next, one mix CALL at a time
    private boolean loadBusy;
    private int loadStep;
    private Integer loadTransactionId;
    private boolean chatterPlugged;
    private long lastCallSentNanos;

    // read-only mirrors for other threads
    private volatile boolean vConnected;
    private volatile boolean vAccepted;
    private volatile int vSessionsDone;
    private volatile long vConnections;
    private volatile long vBoots;

    ChargePoint(Simulator sim, int number, Role role) {
        this.sim = sim;
        this.cfg = sim.config();
        this.stats = sim.statsInternal();
        this.number = number;
        this.id = cfg.chargePointId(number);
        this.idTag = cfg.idTag(number);
        this.role = role;
        String base = cfg.url().toString();
        this.uri = URI.create(base.endsWith("/") ? base + id : base + "/" + id);
        this.authorization = cfg.password() == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((id + ":" + cfg.password()).getBytes(StandardCharsets.UTF_8));
        this.random = new SplittableRandom(cfg.seed() * 0x9E3779B97F4A7C15L + number);
        this.actor = new SerialExecutor(sim.workers(), (t, e) -> {
            stats.error("internal:" + e.getClass().getSimpleName());
            if (cfg.trace()) {
                e.printStackTrace();
            }
        });
        this.heartbeatMillis = cfg.heartbeatOverride() != null ? cfg.heartbeatOverride().toMillis() : 300_000;
        this.meterIntervalMillis = cfg.meterInterval().toMillis();
        this.config = new ConfigurationStore(cfg.connectors(), Math.max(1, heartbeatMillis / 1000),
                meterIntervalMillis == 0 ? 0 : Math.max(1, Math.round(meterIntervalMillis / 1000.0)));
        this.connectors = new Connector[cfg.connectors() + 1];
        double chargerMaxW = random.nextInt(3) == 0 ? 7_400 : 11_000;
        for (int i = 0; i < connectors.length; i++) {
            connectors[i] = new Connector(i, chargerMaxW, 1_000_000 + random.nextInt(50_000_000));
        }
        this.nextConnector = 1;
    }

    // =================================================================== public handle

    public String id() {
        return id;
    }

    public int number() {
        return number;
    }

    public String idTag() {
        return idTag;
    }

    public boolean isConnected() {
        return vConnected;
    }

    /** True once the last BootNotification was Accepted (and the charge point has not rebooted since). */
    public boolean isAccepted() {
        return vAccepted;
    }

    public int sessionsCompleted() {
        return vSessionsDone;
    }

    /** WebSocket connections opened so far. */
    public long connections() {
        return vConnections;
    }

    /** BootNotifications answered Accepted so far. */
    public long bootsAccepted() {
        return vBoots;
    }

    /** Connector status as last decided locally (connector 0 = charge point). */
    public String connectorStatus(int connectorId) {
        return connectors[connectorId].vStatus;
    }

    /** transactionId the server gave for the running transaction on a connector, or null. */
    public Integer transactionId(int connectorId) {
        return connectors[connectorId].vTransactionId;
    }

    /** Presents an RFID card on a connector: Authorize, StartTransaction, meter values until stopped. */
    public void startSession(int connectorId, String tag) {
        actor.execute(() -> {
            Connector c = connector(connectorId);
            if (c != null && free(c)) {
                startSession(c, tag, false, false, null);
            }
        });
    }

    /** Ends the session on a connector as the driver would (reason Local). */
    public void stopSession(int connectorId) {
        actor.execute(() -> {
            Connector c = connector(connectorId);
            if (c != null && c.session != null) {
                stopSession(c.session, "Local");
            }
        });
    }

    /** Connector error: Faulted with errorCode for a while, then back to Available. */
    public void simulateFault(int connectorId, String errorCode, Duration duration) {
        actor.execute(() -> {
            Connector c = connector(connectorId);
            if (c != null) {
                connectorFault(c, errorCode, duration);
            }
        });
    }

    /**
     * Network loss: the socket is dropped (no close frame), the charge point keeps running and
     * queues StatusNotification / MeterValues / StartTransaction / StopTransaction locally; after
     * {@code duration} it reconnects (no new BootNotification: it did not reboot) and flushes the
     * queue in order with the original timestamps.
     */
    public void simulateOffline(Duration duration) {
        actor.execute(() -> goOffline(duration));
    }

    /** Crash/power cycle: drop the socket, stop transactions with reason Reboot, boot again. */
    public void simulateReboot() {
        actor.execute(() -> reboot("Reboot", false, false, cfg.rebootDelay()));
    }

    @Override
    public String toString() {
        return id;
    }

    /** Connected and booted: the open-loop pacer may send it the next CALL of its mix. */
    boolean isReadyForLoad() {
        return vConnected && vAccepted;
    }

    /**
     * Open loop: send the next CALL of the mix now, unless the charge point still waits for an answer (then
     * the send is skipped and counted as backlog; OCPP allows one outstanding CALL).
     */
    void openLoopSend() {
        actor.execute(() -> {
            if (stopping || conn == null || boot != BootState.ACCEPTED) {
                stats.notReady.increment();
            } else if (loadBusy || inFlight != null || !queue.isEmpty()) {
                stats.backlog.increment();
            } else {
                loadSendStep();
            }
        });
    }

    // =================================================================== lifecycle (actor only)

    void start() {
        actor.execute(() -> {
            if (!started && !stopping) {
                started = true;
                connect();
            }
        });
    }

    /** Simulator stop: finish sessions, wait for the queue (bounded), close politely. */
    void shutdown(Runnable onClosed) {
        actor.execute(() -> {
            if (stopping) {
                return;
            }
            stopping = true;
            driverGen++;
            heartbeatGen++;
            boolean online = conn != null && boot == BootState.ACCEPTED;
            if (online && cfg.stopSessionsOnShutdown()) {
                for (int i = 1; i < connectors.length; i++) {
                    Session s = connectors[i].session;
                    if (s != null) {
                        stopSession(s, "Local");
                    }
                }
                if (loadTransactionId != null && !loadBusy) {   // busy: loadDone() stops it once answered
                    enqueue(loadStopCall(loadTransactionId, null));
                    loadTransactionId = null;
                }
            }
            Runnable close = () -> {
                if (conn != null) {
                    closeConnection(true, "simulator stopped");
                }
                stopped = true;
                onClosed.run();
            };
            if (online) {
                awaitDrained(cfg.shutdownGrace(), close);
            } else {
                close.run();
            }
        });
    }

    /** Storm: every charger drops its socket at once and reboots immediately. */
    void stormDrop() {
        actor.execute(() -> {
            if (started && !stopping) {
                reboot("PowerLoss", false, false, Duration.ZERO);
            }
        });
    }

    // =================================================================== connection

    private void connect() {
        if (stopping || conn != null || connecting) {
            return;
        }
        long wait = offlineUntilNanos - System.nanoTime();
        if (wait > 0) {
            schedule(wait, this::connect);
            return;
        }
        connecting = true;
        long seq = ++connectSeq;
        WebSocket.Builder builder = sim.http().newWebSocketBuilder()
                .subprotocols(Ocpp.SUBPROTOCOL)
                .connectTimeout(cfg.connectTimeout());
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        try {
            builder.buildAsync(uri, new Listener(seq)).whenComplete((ws, err) -> {
                if (err != null) {
                    actor.execute(() -> onConnectFailed(seq, err));
                }
            });
        } catch (RuntimeException e) {
            onConnectFailed(seq, e);
        }
    }

    private void onOpen(long seq, WebSocket ws) {
        if (seq != connectSeq || stopping || conn != null) {
            ws.abort();
            return;
        }
        connecting = false;
        if (!Ocpp.SUBPROTOCOL.equals(ws.getSubprotocol())) {
            // OCPP-J: a server that does not agree on ocpp1.6 answers without the header and closes.
            stats.error("handshake:no-subprotocol");
            ws.abort();
            failedConnects++;
            scheduleReconnect();
            return;
        }
        conn = new Conn(ws, seq);
        failedConnects = 0;
        stats.onConnected();
        vConnected = true;
        vConnections++;
        trace("connected");
        if (boot != BootState.ACCEPTED) {
            queueBoot(true);
        }
        pump();
        if (boot == BootState.ACCEPTED) {
            loadContinue();                       // network loss, not a reboot: the closed loop goes on
        }
    }

    private void onConnectFailed(long seq, Throwable err) {
        if (seq != connectSeq) {
            return;
        }
        connecting = false;
        String kind = classify(err);
        stats.error("handshake:" + kind);
        trace("handshake failed: " + kind);
        failedConnects++;
        scheduleReconnect();
    }

    static String classify(Throwable err) {
        Throwable e = err;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof WebSocketHandshakeException h) {
            return Integer.toString(h.getResponse().statusCode());
        }
        if (e instanceof HttpConnectTimeoutException) {
            return "connect-timeout";
        }
        if (e instanceof HttpTimeoutException) {
            return "timeout";
        }
        if (e instanceof ConnectException) {
            return "connect-refused";
        }
        return e.getClass().getSimpleName();
    }

    private void scheduleReconnect() {
        if (stopping) {
            return;
        }
        long now = System.nanoTime();
        long delay;
        if (offlineUntilNanos - now > 0) {
            delay = offlineUntilNanos - now;
        } else {
            // 1 s doubling to 60 s with +-20 % jitter
            long base = cfg.initialBackoff().toNanos();
            int shifts = Math.max(0, Math.min(30, failedConnects - 1));
            long d = Math.min(cfg.maxBackoff().toNanos(), base << shifts);
            delay = (long) (d * (0.8 + 0.4 * random.nextDouble()));
        }
        schedule(delay, this::connect);
    }

    private void onConnectionLost(long seq, String kind) {
        if (conn == null || conn.seq != seq) {
            return;
        }
        stats.error("disconnect:" + kind);
        trace("connection lost: " + kind);
        connectionGone();
        if (whenDrained != null) {              // a Reset or shutdown was waiting for the queue
            Runnable r = whenDrained;
            whenDrained = null;
            r.run();
        }
        if (stopping) {
            stopped = true;
            return;
        }
        scheduleReconnect();
    }

    /** Local bookkeeping when the current connection is gone (any reason). */
    private void connectionGone() {
        Conn c = conn;
        if (c == null) {
            return;
        }
        conn = null;
        c.dead = true;
        stats.onDisconnected();
        vConnected = false;
        List<PendingCall> failed = new ArrayList<>();
        if (inFlight != null) {
            PendingCall call = inFlight;
            inFlight = null;
            cancel(call.timeout);
            if (call.keepOffline) {
                queue.addFirst(call);      // resent after reconnect with the same message id
            } else {
                failed.add(call);
            }
        }
        for (Iterator<PendingCall> it = queue.iterator(); it.hasNext(); ) {
            PendingCall call = it.next();
            if (!call.keepOffline) {
                it.remove();
                failed.add(call);
            }
        }
        retryHoldUntilNanos = 0;
        for (PendingCall call : failed) {
            onDropped(call);
            call.callback.failed("disconnected");
        }
    }

    /** We close (Reset, shutdown) or drop (offline, crash) the socket ourselves. */
    private void closeConnection(boolean graceful, String reason) {
        Conn c = conn;
        if (c == null) {
            return;
        }
        connectionGone();
        if (graceful) {
            c.closeReason = reason;
            c.closeAfterDrain = true;
            if (!c.sending) {
                drainSend(c);
            }
            schedule(TimeUnit.SECONDS.toNanos(3), c.ws::abort);
        } else {
            c.ws.abort();
        }
    }

    private void goOffline(Duration duration) {
        if (stopping) {
            return;
        }
        offlineUntilNanos = System.nanoTime() + duration.toNanos();
        trace("offline for " + duration);
        closeConnection(false, "offline");
        connecting = false;
        connectSeq++;                       // forget a handshake in progress
        scheduleReconnect();
    }

    /**
     * Reboot: stop transactions with {@code stopReason} (StopTransaction queued; sent before the
     * socket closes when {@code waitForQueue}, otherwise after the next boot), close or drop the
     * socket, forget the boot, reconnect after {@code downtime} and boot again.
     */
    private void reboot(String stopReason, boolean graceful, boolean waitForQueue, Duration downtime) {
        if (stopping) {
            return;
        }
        if (rebootPending) {
            return;                               // already going down
        }
        trace("reboot (" + stopReason + ")");
        if (waitForQueue && conn != null) {
            rebootPending = true;
            stopAllForReboot(stopReason);
            awaitDrained(Duration.ofSeconds(5), () -> powerDown(stopReason, graceful, downtime));
        } else {
            powerDown(stopReason, graceful, downtime);
        }
    }

    private void powerDown(String stopReason, boolean graceful, Duration downtime) {
        rebootPending = false;
        if (stopping) {
            return;
        }
        // the socket goes first: transactions still running are stopped "offline" and their
        // StopTransaction is delivered after the next BootNotification
        closeConnection(graceful, "reboot");
        connecting = false;
        connectSeq++;
        boot = BootState.NONE;
        vAccepted = false;
        bootGen++;
        heartbeatGen++;
        cancel(heartbeatTimer);
        stopAllForReboot(stopReason);
        for (Connector c : connectors) {
            c.faulted = false;
            c.reserved = false;
            c.changeGen++;
            c.status = c.operative ? "Available" : "Unavailable";
            c.errorCode = "NoError";
            c.info = null;
            c.vendorErrorCode = null;
            c.vStatus = c.status;
        }
        offlineUntilNanos = System.nanoTime() + downtime.toNanos();
        failedConnects = 0;
        schedule(downtime.toNanos(), this::connect);     // back up after the downtime, no back-off
    }

    private void stopAllForReboot(String stopReason) {
        for (int i = 1; i < connectors.length; i++) {
            Session s = connectors[i].session;
            if (s != null) {
                stopSessionForReboot(s, stopReason);
            }
        }
    }

    // =================================================================== outgoing calls

    private void enqueue(PendingCall call) {
        if (stopped) {
            return;
        }
        if (conn == null && !call.keepOffline) {
            onDropped(call);
            call.callback.failed("offline");
            return;
        }
        if (queue.size() >= MAX_QUEUE && !call.transactional) {
            onDropped(call);
            call.callback.failed("queue full");
            return;
        }
        queue.addLast(call);
        pump();
    }

    private void onDropped(PendingCall call) {
        stats.droppedMessages.increment();
        if (call.action.equals("Heartbeat")) {
            heartbeatOutstanding = false;
        }
        if (call.action.equals("BootNotification")) {
            bootQueued = false;
        }
    }

    private void pump() {
        while (inFlight == null && conn != null && !queue.isEmpty()) {
            if (retryHoldUntilNanos != 0 && retryHoldUntilNanos - System.nanoTime() > 0) {
                return;
            }
            retryHoldUntilNanos = 0;
            PendingCall next = queue.peekFirst();
            if (boot != BootState.ACCEPTED && !next.action.equals("BootNotification")) {
                return;                       // nothing but BootNotification until Accepted
            }
            queue.pollFirst();
            if (next.payload == null) {
                next.payload = next.payloadSupplier.get();
                if (next.payload == null) {   // e.g. MeterValues of a transaction the server never started
                    onDropped(next);
                    continue;
                }
            }
            if (next.messageId == null) {
                next.messageId = newMessageId();
            }
            inFlight = next;
            next.sentNanos = System.nanoTime();
            lastCallSentNanos = next.sentNanos;
            sendFrame(Ocpp.call(next.messageId, next.action, next.payload));
            stats.callSent(next.action);
            PendingCall sent = next;
            next.timeout = schedule(cfg.callTimeout().toNanos(), () -> onCallTimeout(sent));
        }
        if (inFlight == null && queue.isEmpty() && whenDrained != null) {
            Runnable r = whenDrained;
            whenDrained = null;
            r.run();
        }
    }

    private void awaitDrained(Duration max, Runnable then) {
        Runnable once = new Runnable() {
            boolean ran;

            @Override
            public void run() {
                if (!ran) {
                    ran = true;
                    then.run();
                }
            }
        };
        whenDrained = once;
        schedule(max.toNanos(), () -> {
            if (whenDrained == once) {
                whenDrained = null;
            }
            once.run();
        });
        pump();
    }

    private String newMessageId() {
        return sim.messageIdPrefix() + number + "-" + (++messageSeq);
    }

    private void onCallResult(String messageId, JsonNode payload) {
        PendingCall call = inFlight;
        if (call == null || !messageId.equals(call.messageId)) {
            stats.error("protocol:unexpected-callresult");
            return;
        }
        inFlight = null;
        cancel(call.timeout);
        long micros = (System.nanoTime() - call.sentNanos) / 1000;
        stats.callResult(call.action, micros);
        CallListener listener = cfg.callListener();
        if (listener != null) {
            try {
                listener.onResult(id, call.action, call.payload, payload, micros);
            } catch (RuntimeException e) {
                stats.error("internal:listener-" + e.getClass().getSimpleName());
            }
        }
        String problem = Ocpp.checkResult(call.action, payload);
        if (problem != null) {
            stats.error("protocol:invalid-result:" + call.action + ":" + problem);
            callFailed(call, "invalid result (" + problem + ")");
        } else {
            if (call.action.equals("Heartbeat")) {
                heartbeatOutstanding = false;
            }
            call.callback.result(payload);
        }
        pump();
    }

    private void onCallError(String messageId, String code, String description) {
        PendingCall call = inFlight;
        if (call == null || !messageId.equals(call.messageId)) {
            stats.error("protocol:unexpected-callerror");
            return;
        }
        inFlight = null;
        cancel(call.timeout);
        stats.callErrors.increment();
        stats.error("callerror:" + call.action + ":" + code);
        trace("CALLERROR for " + call.action + ": " + code + " " + description);
        callFailed(call, code);
        pump();
    }

    private void onCallTimeout(PendingCall call) {
        if (inFlight != call) {
            return;
        }
        inFlight = null;
        stats.error("timeout:" + call.action);
        callFailed(call, "timeout");
        pump();
    }

    /** Transaction-related messages are retried (TransactionMessageAttempts / RetryInterval x attempt). */
    private void callFailed(PendingCall call, String why) {
        if (call.action.equals("Heartbeat")) {
            heartbeatOutstanding = false;
        }
        if (call.transactional && conn != null) {
            call.failures++;
            long attempts = config.getLong("TransactionMessageAttempts", 3);
            if (call.failures < attempts) {
                call.messageId = null;       // a new attempt is a new message
                queue.addFirst(call);
                long waitMs = config.getLong("TransactionMessageRetryInterval", 10) * 1000L * call.failures;
                if (waitMs > 0) {
                    retryHoldUntilNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
                    schedule(TimeUnit.MILLISECONDS.toNanos(waitMs), this::pump);
                }
                return;
            }
        }
        call.callback.failed(why);
    }

    private void sendFrame(String text) {
        Conn c = conn;
        if (c == null) {
            return;
        }
        if (cfg.trace()) {
            System.err.println(id + " > " + text);
        }
        c.pending.addLast(text);
        if (!c.sending) {
            drainSend(c);
        }
    }

    /** java.net.http.WebSocket allows one outstanding send: chain them. */
    private void drainSend(Conn c) {
        String text = c.pending.pollFirst();
        if (text == null) {
            c.sending = false;
            if (c.closeAfterDrain && !c.closeSent) {
                c.closeSent = true;
                try {
                    c.ws.sendClose(WebSocket.NORMAL_CLOSURE, c.closeReason == null ? "" : c.closeReason);
                } catch (RuntimeException ignored) {
                    c.ws.abort();
                }
            }
            return;
        }
        c.sending = true;
        try {
            c.ws.sendText(text, true).whenComplete((w, err) -> actor.execute(() -> {
                if (err != null) {
                    c.pending.clear();
                    c.sending = false;
                    onConnectionLost(c.seq, "error:send-" + err.getClass().getSimpleName());
                } else {
                    drainSend(c);
                }
            }));
        } catch (RuntimeException e) {
            c.pending.clear();
            c.sending = false;
            onConnectionLost(c.seq, "error:send-" + e.getClass().getSimpleName());
        }
    }

    private PendingCall call(String action, Supplier<ObjectNode> payload, boolean keepOffline, boolean transactional,
                             Consumer<JsonNode> onResult, Consumer<String> onFailure) {
        return new PendingCall(action, payload, keepOffline, transactional, new Callback() {
            @Override
            public void result(JsonNode p) {
                if (onResult != null) {
                    onResult.accept(p);
                }
            }

            @Override
            public void failed(String why) {
                if (onFailure != null) {
                    onFailure.accept(why);
                }
            }
        });
    }

    // =================================================================== incoming frames

    private void onFrame(long seq, String text) {
        if (conn == null || conn.seq != seq) {
            return;
        }
        if (cfg.trace()) {
            System.err.println(id + " < " + text);
        }
        JsonNode node;
        try {
            node = Ocpp.MAPPER.readTree(text);
        } catch (Exception e) {
            stats.error("protocol:malformed-json");
            return;
        }
        String messageId = node != null && node.isArray() && node.size() > 1 && node.get(1).isTextual()
                ? node.get(1).asText() : null;
        if (node == null || !node.isArray() || node.size() == 0 || !node.get(0).isInt()) {
            formationViolation(messageId, "a frame is a JSON array starting with the message type id");
            return;
        }
        int type = node.get(0).asInt();
        switch (type) {
            case Ocpp.CALL -> {
                if (node.size() != 4 || messageId == null || !node.get(2).isTextual() || !node.get(3).isObject()) {
                    formationViolation(messageId, "a CALL is [2, \"<id>\", \"<action>\", {payload}]");
                    return;
                }
                onIncomingCall(messageId, node.get(2).asText(), (ObjectNode) node.get(3));
            }
            case Ocpp.CALLRESULT -> {
                if (node.size() != 3 || messageId == null || !node.get(2).isObject()) {
                    stats.error("protocol:malformed-callresult");
                    failInFlightIfMatches(messageId, "malformed CALLRESULT");
                    return;
                }
                onCallResult(messageId, node.get(2));
            }
            case Ocpp.CALLERROR -> {
                if (node.size() != 5 || messageId == null || !node.get(2).isTextual() || !node.get(3).isTextual()
                        || !node.get(4).isObject()) {
                    stats.error("protocol:malformed-callerror");
                    failInFlightIfMatches(messageId, "malformed CALLERROR");
                    return;
                }
                onCallError(messageId, node.get(2).asText(), node.get(3).asText());
            }
            default -> formationViolation(messageId, "unknown message type id " + type);
        }
    }

    private void failInFlightIfMatches(String messageId, String why) {
        if (inFlight != null && messageId != null && messageId.equals(inFlight.messageId)) {
            PendingCall call = inFlight;
            inFlight = null;
            cancel(call.timeout);
            callFailed(call, why);
            pump();
        }
    }

    private void formationViolation(String messageId, String description) {
        stats.error("protocol:malformed-frame");
        if (messageId != null) {
            sendFrame(Ocpp.error(messageId, "FormationViolation", description));
        }
    }

    /** What to answer and what to do after the answer went out. */
    private record Reply(ObjectNode payload, Runnable after) {
        static Reply of(ObjectNode payload) {
            return new Reply(payload, null);
        }

        static Reply status(String status) {
            return new Reply(Ocpp.object().put("status", status), null);
        }

        static Reply status(String status, Runnable after) {
            return new Reply(Ocpp.object().put("status", status), after);
        }
    }

    private void onIncomingCall(String messageId, String action, ObjectNode payload) {
        stats.incoming(action);
        if (boot == BootState.REJECTED) {
            // OCPP 1.6 4.2: while Rejected the charge point does not respond to central system requests
            stats.error("protocol:call-while-rejected");
            return;
        }
        List<Ocpp.Field> schema = Ocpp.INCOMING.get(action);
        if (schema == null) {
            if (Ocpp.NOT_SUPPORTED.contains(action)) {
                sendFrame(Ocpp.error(messageId, "NotSupported", action + " is not supported by this charge point"));
            } else {
                sendFrame(Ocpp.error(messageId, "NotImplemented", "unknown action " + action));
            }
            return;
        }
        Ocpp.Violation v = Ocpp.validate(schema, payload);
        if (v != null) {
            stats.error("protocol:invalid-incoming:" + action + ":" + v.code());
            sendFrame(Ocpp.error(messageId, v.code(), v.description()));
            return;
        }
        Reply reply;
        try {
            reply = switch (action) {
                case "RemoteStartTransaction" -> remoteStart(payload);
                case "RemoteStopTransaction" -> remoteStop(payload);
                case "Reset" -> reset(payload);
                case "ChangeAvailability" -> changeAvailability(payload);
                case "GetConfiguration" -> getConfiguration(payload);
                case "ChangeConfiguration" -> changeConfiguration(payload);
                case "TriggerMessage" -> triggerMessage(payload);
                case "UnlockConnector" -> unlockConnector(payload);
                case "ClearCache" -> Reply.status("Accepted");
                case "DataTransfer" -> Reply.status("UnknownVendorId");
                default -> throw new IllegalStateException(action);
            };
        } catch (RuntimeException e) {
            stats.error("internal:" + action);
            sendFrame(Ocpp.error(messageId, "InternalError", e.toString()));
            return;
        }
        sendFrame(Ocpp.result(messageId, reply.payload()));
        if (reply.after() != null) {
            reply.after().run();
        }
    }

    private Reply remoteStart(ObjectNode p) {
        String tag = p.get("idTag").asText();
        Connector c = null;
        if (boot == BootState.ACCEPTED && !stopping) {
            if (p.hasNonNull("connectorId")) {
                Connector wanted = connector(p.get("connectorId").asInt());
                c = wanted != null && free(wanted) ? wanted : null;
            } else {
                c = firstFree();
            }
        }
        if (c == null) {
            return Reply.status("Rejected");
        }
        Connector target = c;
        target.reserved = true;    // until the reply went out and the session starts
        return Reply.status("Accepted", () -> {
            target.reserved = false;
            startSession(target, tag, true, role == Role.SESSIONS, null);
        });
    }

    private Reply remoteStop(ObjectNode p) {
        int tx = p.get("transactionId").asInt();
        for (int i = 1; i < connectors.length; i++) {
            Session s = connectors[i].session;
            if (s != null && s.started && !s.stopped && s.transactionId != null && s.transactionId == tx) {
                return Reply.status("Accepted", () -> stopSession(s, "Remote"));
            }
        }
        return Reply.status("Rejected");
    }

    private Reply reset(ObjectNode p) {
        boolean hard = "Hard".equals(p.get("type").asText());
        // Soft: stop transactions gracefully and deliver StopTransaction before restarting.
        // Hard: restart at once; StopTransaction is sent after the reboot (OCPP 1.6 5.14).
        return Reply.status("Accepted", () -> reboot(hard ? "HardReset" : "SoftReset", true, !hard, cfg.rebootDelay()));
    }

    private Reply changeAvailability(ObjectNode p) {
        int connectorId = p.get("connectorId").asInt();
        boolean operative = "Operative".equals(p.get("type").asText());
        if (connectorId > cfg.connectors()) {
            return Reply.status("Rejected");
        }
        List<Connector> targets = new ArrayList<>();
        if (connectorId == 0) {
            for (int i = 1; i < connectors.length; i++) {
                targets.add(connectors[i]);
            }
        } else {
            targets.add(connectors[connectorId]);
        }
        boolean scheduled = targets.stream().anyMatch(c -> c.session != null);
        return Reply.status(scheduled ? "Scheduled" : "Accepted", () -> {
            if (connectorId == 0) {
                connectors[0].operative = operative;
                setStatus(connectors[0], operative ? "Available" : "Unavailable", "NoError", null, null);
            }
            for (Connector c : targets) {
                if (c.session != null) {
                    c.scheduledOperative = operative;
                } else {
                    c.scheduledOperative = null;
                    c.operative = operative;
                    if (!c.faulted) {
                        setStatus(c, operative ? "Available" : "Unavailable", "NoError", null, null);
                    }
                }
            }
        });
    }

    private Reply getConfiguration(ObjectNode p) {
        ObjectNode out = Ocpp.object();
        ArrayNode known = out.putArray("configurationKey");
        ArrayNode unknown = Ocpp.MAPPER.createArrayNode();
        JsonNode keys = p.get("key");
        List<String> wanted = new ArrayList<>();
        if (keys != null && keys.isArray() && keys.size() > 0) {
            keys.forEach(k -> wanted.add(k.asText()));
        } else {
            config.keys().forEach(wanted::add);
        }
        for (String key : wanted) {
            String canonical = config.canonical(key);
            if (canonical == null) {
                unknown.add(key);
            } else {
                ObjectNode e = known.addObject();
                e.put("key", canonical);
                e.put("readonly", config.readonly(canonical));
                e.put("value", config.get(canonical));
            }
        }
        if (known.isEmpty()) {
            out.remove("configurationKey");
        }
        if (!unknown.isEmpty()) {
            out.set("unknownKey", unknown);
        }
        return Reply.of(out);
    }

    private Reply changeConfiguration(ObjectNode p) {
        String key = p.get("key").asText();
        String value = p.get("value").asText();
        ConfigurationStore.ChangeResult r = config.change(key, value);
        Runnable after = null;
        if (r == ConfigurationStore.ChangeResult.Accepted) {
            String canonical = config.canonical(key);
            if (canonical.equals("HeartbeatInterval")) {
                heartbeatMillis = config.getLong("HeartbeatInterval", 300) * 1000;
                after = this::restartHeartbeat;
            } else if (canonical.equals("MeterValueSampleInterval")) {
                meterIntervalMillis = config.getLong("MeterValueSampleInterval", 10) * 1000;
            }
        }
        return Reply.status(r.name(), after);
    }

    private Reply triggerMessage(ObjectNode p) {
        String what = p.get("requestedMessage").asText();
        Integer connectorId = p.hasNonNull("connectorId") ? p.get("connectorId").asInt() : null;
        if (connectorId != null && connectorId > cfg.connectors()) {
            return Reply.status("Rejected");
        }
        Runnable after = switch (what) {
            case "BootNotification" -> () -> queueBoot(false);
            case "Heartbeat" -> () -> sendHeartbeat(true);
            case "StatusNotification" -> () -> {
                if (connectorId != null) {
                    sendStatus(connectors[connectorId]);
                } else {
                    for (Connector c : connectors) {
                        sendStatus(c);
                    }
                }
            };
            case "MeterValues" -> () -> {
                for (int i = 1; i < connectors.length; i++) {
                    if (connectorId == null || connectorId == 0 || connectorId == i) {
                        sendMeterValues(connectors[i], "Trigger");
                    }
                }
            };
            case "DiagnosticsStatusNotification" -> () -> enqueue(call("DiagnosticsStatusNotification",
                    () -> Ocpp.object().put("status", "Idle"), false, false, null, null));
            case "FirmwareStatusNotification" -> () -> enqueue(call("FirmwareStatusNotification",
                    () -> Ocpp.object().put("status", "Idle"), false, false, null, null));
            default -> null;
        };
        return after == null ? Reply.status("NotImplemented") : Reply.status("Accepted", after);
    }

    private Reply unlockConnector(ObjectNode p) {
        Connector c = connector(p.get("connectorId").asInt());
        if (c == null || c.id == 0) {
            return Reply.status("NotSupported");
        }
        Session s = c.session;
        return Reply.status("Unlocked", s == null ? null : () -> stopSession(s, "UnlockCommand"));
    }

    // =================================================================== boot, heartbeat, status

    private void queueBoot(boolean first) {
        if (bootQueued) {
            return;
        }
        bootQueued = true;
        PendingCall boot = call("BootNotification", this::bootPayload, false, false, this::onBootConf, why -> {
            bootQueued = false;
            if (conn != null && this.boot != BootState.ACCEPTED) {
                bootFailures++;
                long gen = ++bootGen;
                long delay = Math.min(cfg.maxBackoff().toNanos(), cfg.initialBackoff().toNanos() << Math.min(20, bootFailures));
                schedule(delay, () -> retryBoot(gen));
            }
        });
        if (first || this.boot != BootState.ACCEPTED) {
            queue.addFirst(boot);
        } else {
            queue.addLast(boot);
        }
        pump();
    }

    private ObjectNode bootPayload() {
        ObjectNode p = Ocpp.object();
        p.put("chargePointVendor", "ChargeLedger");
        p.put("chargePointModel", "Simulator");
        String serial = "SN-" + id;
        p.put("chargePointSerialNumber", serial.length() > 25 ? serial.substring(serial.length() - 25) : serial);
        p.put("firmwareVersion", Simulator.FIRMWARE_VERSION);
        p.put("meterType", "SimMeter");
        return p;
    }

    private void onBootConf(JsonNode p) {
        bootQueued = false;
        String status = p.get("status").asText();
        int interval = p.get("interval").asInt();
        if (status.equals("Accepted")) {
            boolean firstOfCycle = boot != BootState.ACCEPTED;
            boot = BootState.ACCEPTED;
            vAccepted = true;
            bootFailures = 0;
            stats.bootsAccepted.increment();
            vBoots++;
            if (interval > 0) {
                config.setInternal("HeartbeatInterval", Integer.toString(interval));
            }
            heartbeatMillis = cfg.heartbeatOverride() != null ? cfg.heartbeatOverride().toMillis()
                    : config.getLong("HeartbeatInterval", 300) * 1000;
            restartHeartbeat();
            if (firstOfCycle) {
                for (Connector c : connectors) {
                    sendStatus(c);
                }
                onAccepted();
            }
            pump();
            return;
        }
        stats.rejection("BootNotification:" + status);
        boot = status.equals("Pending") ? BootState.PENDING : BootState.REJECTED;
        vAccepted = false;
        long gen = ++bootGen;
        // retry after the interval the server gave, at least 1 s
        schedule(TimeUnit.SECONDS.toNanos(Math.max(1, interval)), () -> retryBoot(gen));
    }

    private void retryBoot(long gen) {
        if (gen == bootGen && conn != null && boot != BootState.ACCEPTED && !stopping) {
            queueBoot(true);
        }
    }

    private void restartHeartbeat() {
        long gen = ++heartbeatGen;
        cancel(heartbeatTimer);
        if (heartbeatMillis > 0 && !stopping) {
            heartbeatTimer = schedule(TimeUnit.MILLISECONDS.toNanos(heartbeatMillis), () -> heartbeatTick(gen));
        }
    }

    private void heartbeatTick(long gen) {
        if (gen != heartbeatGen || stopping) {
            return;
        }
        sendHeartbeat(false);
        heartbeatTimer = schedule(TimeUnit.MILLISECONDS.toNanos(heartbeatMillis), () -> heartbeatTick(gen));
    }

    private void sendHeartbeat(boolean triggered) {
        if (conn == null || boot != BootState.ACCEPTED || (heartbeatOutstanding && !triggered)) {
            return;
        }
        if (!triggered && isLoadRole()
                && System.nanoTime() - lastCallSentNanos < TimeUnit.MILLISECONDS.toNanos(heartbeatMillis)) {
            return;                               // the mix itself keeps the connection alive
        }
        heartbeatOutstanding = true;
        enqueue(call("Heartbeat", Ocpp::object, false, false, null, null));
    }

    /** Changes a connector's status; a StatusNotification is queued when it really changed. */
    private void setStatus(Connector c, String status, String errorCode, String info, String vendorErrorCode) {
        if (status.equals(c.status) && errorCode.equals(c.errorCode)) {
            return;
        }
        c.status = status;
        c.errorCode = errorCode;
        c.info = info;
        c.vendorErrorCode = vendorErrorCode;
        c.vStatus = status;
        c.changeGen++;
        if (boot == BootState.ACCEPTED) {
            sendStatus(c);
        }
        // before the first Accepted boot of a power cycle the state is only kept: the boot sends it
    }

    private void setStatus(Connector c, String status) {
        setStatus(c, status, "NoError", null, null);
    }

    private void sendStatus(Connector c) {
        String ts = Ocpp.now();
        String status = c.status;
        String errorCode = c.errorCode;
        String info = c.info;
        String vendorErrorCode = c.vendorErrorCode;
        int connectorId = c.id;
        enqueue(call("StatusNotification", () -> {
            ObjectNode p = Ocpp.object();
            p.put("connectorId", connectorId);
            p.put("errorCode", errorCode);
            p.put("status", status);
            p.put("timestamp", ts);
            if (info != null) {
                p.put("info", info);
            }
            if (vendorErrorCode != null) {
                p.put("vendorId", "ChargeLedger");
                p.put("vendorErrorCode", vendorErrorCode);
            }
            return p;
        }, true, false, null, null));
    }

    // =================================================================== sessions

    private void startSession(Connector c, String tag, boolean remote, boolean autoEnd, Runnable onFinished) {
        Session s = new Session(c, tag, remote, autoEnd, onFinished);
        c.session = s;
        setStatus(c, "Preparing");
        if (!remote || config.getBool("AuthorizeRemoteTxRequests")) {
            enqueue(call("Authorize", () -> Ocpp.object().put("idTag", tag), false, false, p -> {
                String status = p.path("idTagInfo").path("status").asText();
                if (s.stopped) {
                    return;
                }
                if (status.equals("Accepted")) {
                    beginTransaction(s);
                } else {
                    stats.rejection("Authorize:" + status);
                    abortSession(s);
                }
            }, why -> {
                if (!s.stopped) {
                    abortSession(s);
                }
            }));
        } else {
            beginTransaction(s);
        }
    }

    private void beginTransaction(Session s) {
        Connector c = s.connector;
        s.started = true;
        s.meterStart = (long) Math.floor(c.meterWh);
        s.startTimestamp = Ocpp.now();
        s.ev = EvModel.random(random, c.maxPowerW);
        s.lastNanos = System.nanoTime();
        stats.sessionsStarted.increment();
        stats.activeSessions.incrementAndGet();
        int connectorId = c.id;
        long meterStart = s.meterStart;
        String ts = s.startTimestamp;
        enqueue(call("StartTransaction", () -> {
            ObjectNode p = Ocpp.object();
            p.put("connectorId", connectorId);
            p.put("idTag", s.idTag);
            p.put("meterStart", meterStart);
            p.put("timestamp", ts);
            return p;
        }, true, true, p -> {
            s.transactionId = p.get("transactionId").asInt();
            c.vTransactionId = c.session == s ? s.transactionId : c.vTransactionId;
            String status = p.path("idTagInfo").path("status").asText();
            if (!status.equals("Accepted")) {
                stats.rejection("StartTransaction:" + status);
                if (!s.stopped && config.getBool("StopTransactionOnInvalidId")) {
                    stopSession(s, "DeAuthorized");
                }
            }
        }, why -> {
            s.startFailed = true;
            if (!s.stopped) {
                // the server never acknowledged the transaction: end it locally, nothing to stop
                s.stopped = true;
                cancel(s.meterTimer);
                cancel(s.endTimer);
                stats.activeSessions.decrementAndGet();
                finishConnector(s, true);
            }
        }));
        setStatus(c, "Charging");
        scheduleMeter(s);
        if (s.autoEnd) {
            long ms = jitter(cfg.sessionDuration().toMillis(), 0.2);
            s.endTimer = schedule(TimeUnit.MILLISECONDS.toNanos(ms), () -> stopSession(s, "Local"));
        }
    }

    private void scheduleMeter(Session s) {
        long ms = meterIntervalMillis;
        s.meterTimer = schedule(TimeUnit.MILLISECONDS.toNanos(ms > 0 ? ms : 1000), () -> {
            if (s.stopped) {
                return;
            }
            if (meterIntervalMillis > 0) {
                meterTick(s);
            }
            scheduleMeter(s);
        });
    }

    private void meterTick(Session s) {
        advance(s);
        sendMeterValues(s.connector, "Sample.Periodic");
        if (s.ev.full() && !s.suspended) {
            s.suspended = true;
            setStatus(s.connector, "SuspendedEV");
        }
    }

    private void advance(Session s) {
        long now = System.nanoTime();
        double seconds = (now - s.lastNanos) / 1e9;
        s.lastNanos = now;
        s.connector.meterWh += s.ev.advance(seconds);
    }

    /** One MeterValues sample of the connector (with the transaction when one runs). */
    private void sendMeterValues(Connector c, String context) {
        Session s = c.session != null && c.session.started && !c.session.stopped ? c.session : null;
        if (s != null && context.equals("Trigger")) {
            advance(s);
        }
        String ts = Ocpp.now();
        long energy = (long) Math.floor(c.meterWh);
        double power = s == null ? 0 : s.ev.powerW();
        Double soc = s == null ? null : s.ev.soc();
        List<String> measurands = config.getList("MeterValuesSampledData");
        int connectorId = c.id;
        Supplier<ObjectNode> payload = () -> {
            ObjectNode p = Ocpp.object();
            p.put("connectorId", connectorId);
            if (s != null) {
                if (s.transactionId == null) {
                    return null;       // StartTransaction failed: the sample has no transaction to belong to
                }
                p.put("transactionId", s.transactionId);
            }
            ObjectNode mv = p.putArray("meterValue").addObject();
            mv.put("timestamp", ts);
            ArrayNode sv = mv.putArray("sampledValue");
            for (String m : measurands) {
                switch (m) {
                    case "Energy.Active.Import.Register" ->
                            sample(sv, Long.toString(energy), context, m, "Outlet", "Wh");
                    case "Power.Active.Import" ->
                            sample(sv, Long.toString(Math.round(power)), context, m, "Outlet", "W");
                    case "Current.Import" -> sample(sv, String.format(java.util.Locale.ROOT, "%.1f",
                            power / (c.maxPowerW > 8000 ? 3 * 230.0 : 230.0)), context, m, "Outlet", "A");
                    case "Voltage" -> sample(sv, "230.0", context, m, "Outlet", "V");
                    case "SoC" -> {
                        if (soc != null) {
                            sample(sv, String.format(java.util.Locale.ROOT, "%.1f", soc), context, m, "EV", "Percent");
                        }
                    }
                    default -> {
                    }
                }
            }
            return p;
        };
        boolean tx = s != null;
        enqueue(call("MeterValues", payload, tx, tx, null, null));
    }

    private static void sample(ArrayNode sv, String value, String context, String measurand, String location, String unit) {
        ObjectNode o = sv.addObject();
        o.put("value", value);
        o.put("context", context);
        o.put("format", "Raw");
        o.put("measurand", measurand);
        o.put("location", location);
        o.put("unit", unit);
    }

    private void stopSession(Session s, String reason) {
        if (s.stopped) {
            return;
        }
        if (!s.started) {
            abortSession(s);
            return;
        }
        queueStop(s, reason);
        finishConnector(s, true);
    }

    private void stopSessionForReboot(Session s, String reason) {
        if (s.stopped) {
            return;
        }
        if (!s.started) {
            s.stopped = true;
            s.connector.session = null;
            s.connector.vTransactionId = null;
            if (s.onFinished != null) {
                s.onFinished.run();
            }
            return;
        }
        queueStop(s, reason);
        finishConnector(s, false);
    }

    private void queueStop(Session s, String reason) {
        s.stopped = true;
        cancel(s.meterTimer);
        cancel(s.endTimer);
        advance(s);
        Connector c = s.connector;
        long meterStop = Math.max(s.meterStart, (long) Math.floor(c.meterWh));
        String ts = Ocpp.now();
        stats.activeSessions.decrementAndGet();
        stats.sessionsCompleted.increment();
        boolean withIdTag = reason.equals("Local");
        List<String> txnData = config.getList("StopTxnSampledData");
        enqueue(call("StopTransaction", () -> {
            if (s.transactionId == null) {
                return null;           // the server never acknowledged the start
            }
            ObjectNode p = Ocpp.object();
            if (withIdTag) {
                p.put("idTag", s.idTag);
            }
            p.put("meterStop", meterStop);
            p.put("timestamp", ts);
            p.put("transactionId", s.transactionId);
            p.put("reason", reason);
            if (txnData.contains("Energy.Active.Import.Register")) {
                ArrayNode data = p.putArray("transactionData");
                ObjectNode begin = data.addObject();
                begin.put("timestamp", s.startTimestamp);
                sample(begin.putArray("sampledValue"), Long.toString(s.meterStart), "Transaction.Begin",
                        "Energy.Active.Import.Register", "Outlet", "Wh");
                ObjectNode end = data.addObject();
                end.put("timestamp", ts);
                sample(end.putArray("sampledValue"), Long.toString(meterStop), "Transaction.End",
                        "Energy.Active.Import.Register", "Outlet", "Wh");
            }
            return p;
        }, true, true, null, null));
    }

    /** After a transaction ended: Finishing, the cable is unplugged a moment later, Available. */
    private void finishConnector(Session s, boolean withStatuses) {
        Connector c = s.connector;
        c.session = null;
        c.vTransactionId = null;
        if (!withStatuses) {
            if (s.onFinished != null) {
                s.onFinished.run();
            }
            return;
        }
        setStatus(c, "Finishing");
        long gen = c.changeGen;
        long unplugMs = Math.min(2000, Math.max(100, cfg.sessionPause().toMillis() / 2));
        schedule(TimeUnit.MILLISECONDS.toNanos(unplugMs), () -> {
            if (c.changeGen == gen && c.session == null) {
                applyScheduledAvailability(c);
                setStatus(c, c.operative ? "Available" : "Unavailable");
            }
            if (s.onFinished != null) {
                s.onFinished.run();
            }
        });
    }

    /** Authorize refused or failed: the driver unplugs, no transaction existed. */
    private void abortSession(Session s) {
        s.stopped = true;
        Connector c = s.connector;
        c.session = null;
        c.vTransactionId = null;
        applyScheduledAvailability(c);
        setStatus(c, c.operative ? "Available" : "Unavailable");
        if (s.onFinished != null) {
            s.onFinished.run();
        }
    }

    private void applyScheduledAvailability(Connector c) {
        if (c.scheduledOperative != null) {
            c.operative = c.scheduledOperative;
            c.scheduledOperative = null;
        }
    }

    private void connectorFault(Connector c, String errorCode, Duration duration) {
        c.faulted = true;
        setStatus(c, "Faulted", errorCode, "simulated fault", "E-" + errorCode);
        long gen = c.changeGen;
        schedule(duration.toNanos(), () -> {
            if (c.faulted && c.changeGen == gen) {
                c.faulted = false;
                setStatus(c, c.operative ? "Available" : "Unavailable");
            }
        });
    }

    private Connector connector(int connectorId) {
        return connectorId >= 0 && connectorId < connectors.length ? connectors[connectorId] : null;
    }

    private boolean free(Connector c) {
        return c.id > 0 && c.operative && connectors[0].operative && c.session == null && !c.faulted && !c.reserved
                && (c.status.equals("Available") || c.status.equals("Preparing"));
    }

    private Connector firstFree() {
        for (int i = 1; i < connectors.length; i++) {
            if (free(connectors[i])) {
                return connectors[i];
            }
        }
        return null;
    }

    // =================================================================== scenario behaviour

    private void onAccepted() {
        loadContinue();
        if (role == Role.SESSIONS && !driverFinished) {
            driverNext(jitter(Math.max(100, cfg.sessionPause().toMillis()), 0.5));
        }
        if (!eventsStarted && (cfg.scenario() == Scenario.MIXED || cfg.scenario() == Scenario.FAULTS)) {
            eventsStarted = true;
            eventNext();
        }
    }

    private void driverNext(long delayMs) {
        long gen = ++driverGen;
        schedule(TimeUnit.MILLISECONDS.toNanos(delayMs), () -> driverTick(gen));
    }

    private void driverTick(long gen) {
        if (gen != driverGen || stopping || driverFinished) {
            return;
        }
        if (cfg.sessionsPerCharger() > 0 && sessionsDone >= cfg.sessionsPerCharger()) {
            driverFinished = true;
            sim.chargerFinished();
            return;
        }
        for (int i = 1; i < connectors.length; i++) {
            Session s = connectors[i].session;
            if (s != null && s.driver) {
                return;                                   // one RFID driver session at a time
            }
        }
        Connector c = conn != null && boot == BootState.ACCEPTED ? pickConnector() : null;
        if (c == null) {
            driverNext(1000);
            return;
        }
        startSession(c, idTag, false, true, () -> {
            sessionsDone++;
            vSessionsDone = sessionsDone;
            driverNext(jitter(cfg.sessionPause().toMillis(), 0.3));
        });
    }

    private Connector pickConnector() {
        for (int k = 0; k < cfg.connectors(); k++) {
            int i = 1 + (nextConnector - 1 + k) % cfg.connectors();
            if (free(connectors[i]) && connectors[i].status.equals("Available")) {
                nextConnector = i % cfg.connectors() + 1;
                return connectors[i];
            }
        }
        return null;
    }

    private void eventNext() {
        long ms = jitter(cfg.faultInterval().toMillis(), 0.5);
        schedule(TimeUnit.MILLISECONDS.toNanos(ms), this::eventTick);
    }

    private void eventTick() {
        if (stopping) {
            return;
        }
        if (conn != null && boot == BootState.ACCEPTED) {
            if (cfg.scenario() == Scenario.MIXED) {
                statusEvent();
            } else {
                injectFault();
            }
        }
        eventNext();
    }

    /** Mixed scenario: a cable plugged in and pulled without authorising, or a short fault. */
    private void statusEvent() {
        Connector c = idleConnector();
        if (c == null) {
            return;
        }
        if (random.nextBoolean()) {
            setStatus(c, "Preparing");
            long gen = c.changeGen;
            schedule(TimeUnit.MILLISECONDS.toNanos(2000 + random.nextInt(3000)), () -> {
                if (c.changeGen == gen && c.session == null && c.status.equals("Preparing")) {
                    setStatus(c, c.operative ? "Available" : "Unavailable");
                }
            });
        } else {
            connectorFault(c, FAULT_CODES[random.nextInt(FAULT_CODES.length)],
                    Duration.ofMillis(2000 + random.nextInt(3000)));
        }
    }

    /** Faults scenario: connector error, reboot mid-session or an offline period. */
    private void injectFault() {
        double r = random.nextDouble();
        Connector idle = idleConnector();
        if (r < 0.4 && idle != null) {
            connectorFault(idle, FAULT_CODES[random.nextInt(FAULT_CODES.length)],
                    Duration.ofMillis(Math.max(500, jitter(cfg.faultInterval().toMillis() / 5, 0.5))));
        } else if (r < 0.6) {
            reboot("Reboot", false, false, cfg.rebootDelay());
        } else {
            Duration offline = cfg.offlineDuration();
            // the driver leaves while the charge point is offline: Stop + statuses are queued
            for (int i = 1; i < connectors.length; i++) {
                Session s = connectors[i].session;
                if (s != null && s.started && s.autoEnd) {
                    cancel(s.endTimer);
                    s.endTimer = schedule(offline.toNanos() / 2, () -> stopSession(s, "Local"));
                }
            }
            goOffline(offline);
        }
    }

    private Connector idleConnector() {
        for (int i = 1; i < connectors.length; i++) {
            Connector c = connectors[i];
            if (c.session == null && c.operative && !c.faulted && !c.reserved && c.status.equals("Available")) {
                return c;
            }
        }
        return null;
    }

    // =================================================================== load generator (load, chatter)

    private boolean isLoadRole() {
        return role == Role.LOAD || role == Role.CHATTER;
    }

    private int loadMixLength() {
        return role == Role.CHATTER ? 3 : 5 + cfg.loadMeterValues();
    }

    private int loadStopStep() {
        return role == Role.LOAD ? 2 + cfg.loadMeterValues() : -1;
    }

    private int loadStatusStep() {
        return role == Role.LOAD ? 3 + cfg.loadMeterValues() : 1;
    }

    /** Closed loop: send the next CALL of the mix unless one is on its way (or the charge point is not ready). */
    private void loadContinue() {
        if (isLoadRole() && cfg.rate() == 0 && !loadBusy && !stopping && conn != null && boot == BootState.ACCEPTED) {
            loadSendStep();
        }
    }

    /** After a mix CALL was answered or failed: the next step, then (closed loop) the next CALL at once. */
    private void loadDone(int nextStep) {
        loadBusy = false;
        loadStep = nextStep % loadMixLength();
        if (stopping) {
            if (loadTransactionId != null && cfg.stopSessionsOnShutdown() && conn != null) {
                int tx = loadTransactionId;
                loadTransactionId = null;
                enqueue(loadStopCall(tx, null));
            }
            return;
        }
        loadContinue();
    }

    /** Queues the CALL of the current mix step. */
    private void loadSendStep() {
        int step = loadStep;
        PendingCall call = role == Role.CHATTER ? chatterCall(step) : loadCall(step);
        loadBusy = true;
        enqueue(call);
    }

    /**
     * Full session mix: Authorize, StartTransaction, n x MeterValues, StopTransaction, StatusNotification,
     * Heartbeat. A refused or failed Authorize or StartTransaction skips to the StatusNotification.
     */
    private PendingCall loadCall(int step) {
        int meterValues = cfg.loadMeterValues();
        Connector c = connectors[1];
        if (step == 0) {
            return call("Authorize", () -> Ocpp.object().put("idTag", idTag), false, false, p -> {
                String status = p.path("idTagInfo").path("status").asText();
                if (status.equals("Accepted")) {
                    loadDone(1);
                } else {
                    stats.rejection("Authorize:" + status);
                    loadDone(loadStatusStep());
                }
            }, why -> loadDone(loadStatusStep()));
        }
        if (step == 1) {
            long meterStart = (long) Math.floor(c.meterWh);
            String ts = Ocpp.now();
            return call("StartTransaction", () -> {
                ObjectNode p = Ocpp.object();
                p.put("connectorId", 1);
                p.put("idTag", idTag);
                p.put("meterStart", meterStart);
                p.put("timestamp", ts);
                return p;
            }, false, false, p -> {
                loadTransactionId = p.get("transactionId").asInt();
                c.vTransactionId = loadTransactionId;
                String status = p.path("idTagInfo").path("status").asText();
                if (!status.equals("Accepted")) {
                    stats.rejection("StartTransaction:" + status);
                }
                stats.sessionsStarted.increment();
                loadDone(2);
            }, why -> {
                loadTransactionId = null;
                loadDone(loadStatusStep());
            });
        }
        if (step < 2 + meterValues) {
            Integer tx = loadTransactionId;
            c.meterWh += 50 + random.nextInt(200);
            long energy = (long) Math.floor(c.meterWh);
            long power = 7_000 + random.nextInt(4_000);
            String ts = Ocpp.now();
            return call("MeterValues", () -> {
                ObjectNode p = Ocpp.object();
                p.put("connectorId", 1);
                if (tx != null) {
                    p.put("transactionId", tx);
                }
                ObjectNode mv = p.putArray("meterValue").addObject();
                mv.put("timestamp", ts);
                ArrayNode sv = mv.putArray("sampledValue");
                sample(sv, Long.toString(energy), "Sample.Periodic", "Energy.Active.Import.Register", "Outlet", "Wh");
                sample(sv, Long.toString(power), "Sample.Periodic", "Power.Active.Import", "Outlet", "W");
                return p;
            }, false, false, p -> loadDone(step + 1), why -> loadDone(step + 1));
        }
        if (step == loadStopStep()) {
            Integer tx = loadTransactionId;
            if (tx == null) {                     // never started: nothing to stop
                return loadCall(loadStatusStep());
            }
            return loadStopCall(tx, () -> {
                loadTransactionId = null;
                c.vTransactionId = null;
                stats.sessionsCompleted.increment();
                loadDone(step + 1);
            });
        }
        if (step == loadStatusStep()) {
            String ts = Ocpp.now();
            return call("StatusNotification", () -> {
                ObjectNode p = Ocpp.object();
                p.put("connectorId", 1);
                p.put("errorCode", "NoError");
                p.put("status", "Available");
                p.put("timestamp", ts);
                return p;
            }, false, false, p -> loadDone(step + 1), why -> loadDone(step + 1));
        }
        return call("Heartbeat", Ocpp::object, false, false, p -> loadDone(0), why -> loadDone(0));
    }

    /** StopTransaction of a load-mix transaction; {@code then} runs on answer or failure (null: nothing). */
    private PendingCall loadStopCall(int tx, Runnable then) {
        long meterStop = (long) Math.floor(connectors[1].meterWh);
        String ts = Ocpp.now();
        return call("StopTransaction", () -> {
            ObjectNode p = Ocpp.object();
            p.put("idTag", idTag);
            p.put("meterStop", meterStop);
            p.put("timestamp", ts);
            p.put("transactionId", tx);
            p.put("reason", "Local");
            return p;
        }, false, false, p -> {
            if (then != null) {
                then.run();
            }
        }, why -> {
            if (then != null) {
                then.run();
            }
        });
    }

    /** Chatter mix: BootNotification, StatusNotification (connector 1, Preparing / Available in turn), Heartbeat. */
    private PendingCall chatterCall(int step) {
        if (step == 0) {
            return call("BootNotification", this::bootPayload, false, false, p -> {
                String status = p.get("status").asText();
                if (!status.equals("Accepted")) {
                    stats.rejection("BootNotification:" + status);
                }
                loadDone(1);
            }, why -> loadDone(1));
        }
        if (step == 1) {
            chatterPlugged = !chatterPlugged;
            Connector c = connectors[1];
            c.status = chatterPlugged ? "Preparing" : "Available";
            c.vStatus = c.status;
            String status = c.status;
            String ts = Ocpp.now();
            return call("StatusNotification", () -> {
                ObjectNode p = Ocpp.object();
                p.put("connectorId", 1);
                p.put("errorCode", "NoError");
                p.put("status", status);
                p.put("timestamp", ts);
                return p;
            }, false, false, p -> loadDone(2), why -> loadDone(2));
        }
        return call("Heartbeat", Ocpp::object, false, false, p -> loadDone(0), why -> loadDone(0));
    }

    // =================================================================== helpers

    private long jitter(long millis, double fraction) {
        if (millis <= 0) {
            return 0;
        }
        return Math.max(1, (long) (millis * (1 - fraction + 2 * fraction * random.nextDouble())));
    }

    private ScheduledFuture<?> schedule(long delayNanos, Runnable task) {
        try {
            return sim.scheduler().schedule(() -> actor.execute(task), Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            return null;
        }
    }

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) {
            f.cancel(false);
        }
    }

    private void trace(String what) {
        if (cfg.trace()) {
            System.err.println(id + " * " + what + " @" + Instant.now());
        }
    }

    // =================================================================== state classes

    private static final class Connector {
        final int id;
        final double maxPowerW;
        double meterWh;
        String status = "Available";
        String errorCode = "NoError";
        String info;
        String vendorErrorCode;
        boolean operative = true;
        Boolean scheduledOperative;
        boolean faulted;
        boolean reserved;
        long changeGen;
        Session session;
        volatile String vStatus = "Available";
        volatile Integer vTransactionId;

        Connector(int id, double maxPowerW, double meterWh) {
            this.id = id;
            this.maxPowerW = maxPowerW;
            this.meterWh = meterWh;
        }
    }

    private static final class Session {
        final Connector connector;
        final String idTag;
        final boolean remote;
        final boolean autoEnd;
        final Runnable onFinished;
        final boolean driver;
        boolean started;
        boolean stopped;
        boolean startFailed;
        boolean suspended;
        Integer transactionId;
        long meterStart;
        String startTimestamp;
        EvModel ev;
        long lastNanos;
        ScheduledFuture<?> meterTimer;
        ScheduledFuture<?> endTimer;

        Session(Connector connector, String idTag, boolean remote, boolean autoEnd, Runnable onFinished) {
            this.connector = connector;
            this.idTag = idTag;
            this.remote = remote;
            this.autoEnd = autoEnd;
            this.onFinished = onFinished;
            this.driver = onFinished != null;
        }
    }

    private interface Callback {
        void result(JsonNode payload);

        void failed(String why);
    }

    private static final class PendingCall {
        final String action;
        final Supplier<ObjectNode> payloadSupplier;
        final boolean keepOffline;
        final boolean transactional;
        final Callback callback;
        ObjectNode payload;
        String messageId;
        int failures;
        long sentNanos;
        ScheduledFuture<?> timeout;

        PendingCall(String action, Supplier<ObjectNode> payloadSupplier, boolean keepOffline, boolean transactional,
                    Callback callback) {
            this.action = action;
            this.payloadSupplier = payloadSupplier;
            this.keepOffline = keepOffline;
            this.transactional = transactional;
            this.callback = callback;
        }
    }

    private static final class Conn {
        final WebSocket ws;
        final long seq;
        final ArrayDeque<String> pending = new ArrayDeque<>();
        boolean sending;
        boolean dead;
        boolean closeAfterDrain;
        boolean closeSent;
        String closeReason;

        Conn(WebSocket ws, long seq) {
            this.ws = ws;
            this.seq = seq;
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final long seq;
        private StringBuilder partial;

        Listener(long seq) {
            this.seq = seq;
        }

        @Override
        public void onOpen(WebSocket ws) {
            ws.request(1);
            actor.execute(() -> ChargePoint.this.onOpen(seq, ws));
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            if (!last) {
                if (partial == null) {
                    partial = new StringBuilder();
                }
                partial.append(data);
            } else {
                String text;
                if (partial == null) {
                    text = data.toString();
                } else {
                    text = partial.append(data).toString();
                    partial = null;
                }
                actor.execute(() -> onFrame(seq, text));
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            if (last) {
                stats.error("protocol:binary-frame");
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            actor.execute(() -> onConnectionLost(seq, "closed-by-server:" + statusCode));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            actor.execute(() -> onConnectionLost(seq, "error:" + classify(error)));
        }
    }
}
