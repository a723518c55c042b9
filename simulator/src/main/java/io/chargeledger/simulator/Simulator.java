package io.chargeledger.simulator;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fleet of simulated OCPP 1.6-J charge points over real WebSockets.
 *
 * <pre>{@code
 * try (Simulator sim = Simulator.start(SimulatorConfig.builder("ws://127.0.0.1:8080/ocpp/")
 *         .chargers(100).scenario(Scenario.SESSIONS).sessionsPerCharger(3).build())) {
 *     sim.awaitCompletion(Duration.ofMinutes(5));
 *     Summary s = sim.stop();
 * }
 * }</pre>
 *
 * Threads: one shared {@link HttpClient} (its selector thread plus a small executor), a small
 * worker pool that runs the charge points' serial mailboxes, and one timer thread; nothing is
 * per connection.
 */
public final class Simulator implements AutoCloseable {

    public static final String FIRMWARE_VERSION = "chargeledger-sim-0.1.0";

    static {
        // The JDK WebSocket keeps two 16 KB send buffers and a 16 KB read buffer per connection by
        // default (~50 KB per charge point). OCPP frames are small; larger ones are simply chunked.
        // Only applied when the JVM has not set them and HttpClient was not used before.
        setIfAbsent("jdk.httpclient.websocket.writeBufferSize", "2048");
        setIfAbsent("jdk.httpclient.websocket.intermediateBufferSize", "2048");
        setIfAbsent("jdk.httpclient.bufsize", "4096");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    private final SimulatorConfig config;
    private final Stats stats;
    private final ExecutorService workers;
    private final ExecutorService httpExecutor;
    private final ScheduledThreadPoolExecutor scheduler;
    private final HttpClient http;
    private final List<ChargePoint> chargePoints;
    private final Map<String, ChargePoint> byId;
    private final String messageIdPrefix;
    private final long startNanos;
    private final CountDownLatch completed = new CountDownLatch(1);
    private final AtomicInteger unfinished;
    private final int finiteChargers;
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();
    private volatile long stopNanos;
    private volatile int connectedAtStop = -1;
    private Summary finalSummary;

    private final ScheduledThreadPoolExecutor pacer;
    private long pacerStartNanos;
    private long pacerIssued;
    private int pacerCursor;

    private Simulator(SimulatorConfig config) {
        this.config = config;
        this.stats = new Stats(config.statsWindow().toNanos());
        int cpus = Runtime.getRuntime().availableProcessors();
        int threads = config.threads() > 0 ? config.threads() : Math.max(2, cpus);
        this.workers = Executors.newFixedThreadPool(threads, daemon("sim-worker"));
        this.httpExecutor = Executors.newFixedThreadPool(Math.max(2, threads / 2), daemon("sim-http"));
        this.scheduler = new ScheduledThreadPoolExecutor(1, daemon("sim-timer"));
        this.scheduler.setRemoveOnCancelPolicy(true);
        this.pacer = config.rate() > 0 ? new ScheduledThreadPoolExecutor(1, daemon("sim-pacer")) : null;
        this.http = HttpClient.newBuilder()
                .executor(httpExecutor)
                .connectTimeout(config.connectTimeout())
                .build();
        SplittableRandom r = new SplittableRandom(config.seed());
        this.messageIdPrefix = Long.toString(r.nextLong() & 0xFFFFFFFFFL, 36) + "-";
        List<ChargePoint> list = new ArrayList<>(config.chargers());
        Map<String, ChargePoint> map = new LinkedHashMap<>();
        int finite = 0;
        for (int i = 0; i < config.chargers(); i++) {
            int number = config.startIndex() + i;
            ChargePoint.Role role = roleOf(config.scenario(), i);
            if (role == ChargePoint.Role.SESSIONS && config.sessionsPerCharger() > 0) {
                finite++;
            }
            ChargePoint cp = new ChargePoint(this, number, role);
            list.add(cp);
            map.put(cp.id(), cp);
        }
        this.chargePoints = Collections.unmodifiableList(list);
        this.byId = Collections.unmodifiableMap(map);
        this.finiteChargers = finite;
        this.unfinished = new AtomicInteger(finite);
        this.startNanos = System.nanoTime();
    }

    private static ChargePoint.Role roleOf(Scenario scenario, int index) {
        return switch (scenario) {
            case IDLE, STORM -> ChargePoint.Role.IDLE;
            case SESSIONS, FAULTS -> ChargePoint.Role.SESSIONS;
            case MIXED -> index % 3 == 0 ? ChargePoint.Role.IDLE : ChargePoint.Role.SESSIONS;
            case LOAD -> ChargePoint.Role.LOAD;
            case CHATTER -> ChargePoint.Role.CHATTER;
        };
    }

    /** Creates the fleet and starts connecting it at the configured ramp rate; returns at once. */
    public static Simulator start(SimulatorConfig config) {
        Simulator sim = new Simulator(config);
        sim.launch();
        return sim;
    }

    private void launch() {
        double ramp = config.rampPerSecond();
        long rampNanos = 0;
        for (int i = 0; i < chargePoints.size(); i++) {
            ChargePoint cp = chargePoints.get(i);
            long at = ramp <= 0 ? 0 : (long) (i * 1e9 / ramp);
            rampNanos = Math.max(rampNanos, at);
            if (at == 0) {
                cp.start();
            } else {
                scheduler.schedule(cp::start, at, TimeUnit.NANOSECONDS);
            }
        }
        if (config.scenario() == Scenario.STORM) {
            long period = config.stormInterval().toNanos();
            synchronized (this) {
                timers.add(scheduler.scheduleAtFixedRate(() -> chargePoints.forEach(ChargePoint::stormDrop),
                        rampNanos + period, period, TimeUnit.NANOSECONDS));
            }
        }
        if (config.duration() != null) {
            synchronized (this) {
                timers.add(scheduler.schedule(completed::countDown, config.duration().toNanos(), TimeUnit.NANOSECONDS));
            }
        }
        if (pacer != null) {
            pacerStartNanos = System.nanoTime();
            pacer.scheduleAtFixedRate(this::pace, 1, 1, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Open loop: issues every send that is due by now at the configured rate (catching up after a late tick),
     * each to the next booted charger round-robin. A charger still waiting for its previous answer skips the
     * send (counted as backlog): the offered load never queues up behind a slow server.
     */
    private void pace() {
        try {
            long due = (long) ((System.nanoTime() - pacerStartNanos) / 1e9 * config.rate());
            int n = chargePoints.size();
            boolean noneReady = false;
            while (pacerIssued < due) {
                pacerIssued++;
                stats.offered.increment();
                ChargePoint target = null;
                for (int probe = 0; probe < n && !noneReady; probe++) {
                    ChargePoint cp = chargePoints.get(pacerCursor);
                    pacerCursor = (pacerCursor + 1) % n;
                    if (cp.isReadyForLoad()) {
                        target = cp;
                        break;
                    }
                }
                if (target == null) {
                    noneReady = true;           // no need to probe the fleet again in this tick
                    stats.notReady.increment();
                } else {
                    target.openLoopSend();
                }
            }
        } catch (RuntimeException e) {
            stats.error("internal:pacer-" + e.getClass().getSimpleName());
        }
    }

    /** Called by a charge point that finished its --sessions quota. */
    void chargerFinished() {
        if (unfinished.decrementAndGet() == 0) {
            completed.countDown();
        }
    }

    // ------------------------------------------------------------------ public API

    public SimulatorConfig config() {
        return config;
    }

    public List<ChargePoint> chargePoints() {
        return chargePoints;
    }

    /** The charge point with that OCPP identity, or null. */
    public ChargePoint chargePoint(String chargePointId) {
        return byId.get(chargePointId);
    }

    public int connectedCount() {
        return stats.connected.get();
    }

    /**
     * Starts a new measurement now: calls, errors, latencies, sessions, open-loop counters and the throughput
     * windows count from zero (connections stay as they are). Use it to leave the ramp-up and the boots out of a
     * load measurement.
     */
    public void resetMeasurements() {
        stats.resetMeasurements();
    }

    /** Number of chargers whose last BootNotification was Accepted. */
    public int acceptedCount() {
        int n = 0;
        for (ChargePoint cp : chargePoints) {
            if (cp.isAccepted()) {
                n++;
            }
        }
        return n;
    }

    /** Live statistics (a fresh snapshot on every call). */
    public Summary stats() {
        long end = stopNanos != 0 ? stopNanos : System.nanoTime();
        double elapsed = Math.max(1e-9, (end - stats.measureStartNanos()) / 1e9);
        long sent = stats.callsSent.sum();
        int connected = connectedAtStop >= 0 ? connectedAtStop : stats.connected.get();
        List<Summary.Window> windows = stats.windows(end);
        Double first = null;
        Double last = null;
        for (Summary.Window w : windows) {
            if (w.complete()) {
                if (first == null) {
                    first = w.callsPerSecond();
                }
                last = w.callsPerSecond();
            }
        }
        return new Summary(config.scenario().label(), config.chargers(), round(elapsed), connected,
                stats.peakConnected.get(), stats.connects.sum(), stats.bootsAccepted.sum(), sent,
                stats.callResults.sum(), stats.callErrors.sum(), round(sent / elapsed), stats.incomingCalls.sum(),
                stats.sessionsStarted.sum(), stats.sessionsCompleted.sum(), stats.activeSessions.get(),
                stats.droppedMessages.sum(), stats.totalErrors(), stats.errors(), stats.rejections(),
                stats.sentByAction(), stats.incomingByAction(), stats.latency(), stats.overallLatency(),
                stats.windowNanos() / 1e9, windows, first, last, config.rate(), stats.offered.sum(),
                stats.backlog.sum(), stats.notReady.sum());
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** True when the scenario has ended: every charger did its --sessions, or --duration elapsed. */
    public boolean isCompleted() {
        return completed.getCount() == 0;
    }

    /**
     * Waits until the scenario ends (all chargers finished their sessions quota, or the configured
     * duration elapsed). Scenarios without an end (idle, storm, sessions 0) and no duration only
     * end with {@link #stop()}.
     */
    public boolean awaitCompletion(Duration timeout) throws InterruptedException {
        return completed.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Waits without limit for the scenario end (see {@link #awaitCompletion(Duration)}). */
    public void awaitCompletion() throws InterruptedException {
        completed.await();
    }

    /**
     * Stops every charge point: running sessions are stopped (StopTransaction, reason Local)
     * when {@link SimulatorConfig#stopSessionsOnShutdown()}, queues get up to
     * {@link SimulatorConfig#shutdownGrace()} to drain, sockets close with 1000. Idempotent;
     * returns the final summary.
     */
    public synchronized Summary stop() {
        if (finalSummary != null) {
            return finalSummary;
        }
        connectedAtStop = stats.connected.get();
        if (pacer != null) {
            pacer.shutdownNow();
            try {
                pacer.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        timers.forEach(t -> t.cancel(false));
        CountDownLatch closed = new CountDownLatch(chargePoints.size());
        for (ChargePoint cp : chargePoints) {
            cp.shutdown(closed::countDown);
        }
        try {
            closed.await(config.shutdownGrace().toMillis() + 3000, TimeUnit.MILLISECONDS);
            Thread.sleep(200);      // let close handshakes go out
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopNanos = System.nanoTime();
        finalSummary = stats();
        completed.countDown();
        scheduler.shutdownNow();
        workers.shutdownNow();
        httpExecutor.shutdownNow();
        return finalSummary;
    }

    @Override
    public void close() {
        stop();
    }

    // ------------------------------------------------------------------ for charge points

    Stats statsInternal() {
        return stats;
    }

    ExecutorService workers() {
        return workers;
    }

    ScheduledThreadPoolExecutor scheduler() {
        return scheduler;
    }

    HttpClient http() {
        return http;
    }

    String messageIdPrefix() {
        return messageIdPrefix;
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
