package io.chargeledger.simulator;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Immutable simulator settings. Build with {@link #builder(URI)}; every setting has a default
 * that matches the CLI.
 */
public final class SimulatorConfig {

    private final URI url;
    private final int chargers;
    private final int startIndex;
    private final String idPrefix;
    private final String idTagPrefix;
    private final String password;
    private final Scenario scenario;
    private final Duration duration;
    private final Duration heartbeatOverride;
    private final Duration meterInterval;
    private final double rampPerSecond;
    private final int connectors;
    private final int sessionsPerCharger;
    private final Duration sessionDuration;
    private final Duration sessionPause;
    private final Duration faultInterval;
    private final Duration offlineDuration;
    private final Duration stormInterval;
    private final Duration callTimeout;
    private final Duration connectTimeout;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration rebootDelay;
    private final Duration shutdownGrace;
    private final boolean stopSessionsOnShutdown;
    private final long seed;
    private final int threads;
    private final boolean trace;
    private final double rate;
    private final int loadMeterValues;
    private final Duration statsWindow;
    private final CallListener callListener;

    private SimulatorConfig(Builder b) {
        this.url = b.url;
        this.chargers = b.chargers;
        this.startIndex = b.startIndex;
        this.idPrefix = b.idPrefix;
        this.idTagPrefix = b.idTagPrefix;
        this.password = b.password;
        this.scenario = b.scenario;
        this.duration = b.duration;
        this.heartbeatOverride = b.heartbeatOverride;
        this.meterInterval = b.meterInterval;
        this.rampPerSecond = b.rampPerSecond;
        this.connectors = b.connectors;
        this.sessionsPerCharger = b.sessionsPerCharger;
        this.sessionDuration = b.sessionDuration;
        this.sessionPause = b.sessionPause;
        this.faultInterval = b.faultInterval;
        this.offlineDuration = b.offlineDuration;
        this.stormInterval = b.stormInterval;
        this.callTimeout = b.callTimeout;
        this.connectTimeout = b.connectTimeout;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.rebootDelay = b.rebootDelay;
        this.shutdownGrace = b.shutdownGrace;
        this.stopSessionsOnShutdown = b.stopSessionsOnShutdown;
        this.seed = b.seed;
        this.threads = b.threads;
        this.trace = b.trace;
        this.rate = b.rate;
        this.loadMeterValues = b.loadMeterValues;
        this.statsWindow = b.statsWindow;
        this.callListener = b.callListener;
    }

    public static Builder builder(URI url) {
        return new Builder(url);
    }

    public static Builder builder(String url) {
        return new Builder(URI.create(url));
    }

    /** Base URL; the charge point id is appended (a '/' is inserted when missing). */
    public URI url() { return url; }
    public int chargers() { return chargers; }
    /** Number of the first charger (1 gives PREFIX-00001). */
    public int startIndex() { return startIndex; }
    public String idPrefix() { return idPrefix; }
    public String idTagPrefix() { return idTagPrefix; }
    /** HTTP Basic password, or null for no Authorization header. */
    public String password() { return password; }
    public Scenario scenario() { return scenario; }
    /** Run time limit, or null to run until the scenario ends or {@link Simulator#stop()}. */
    public Duration duration() { return duration; }
    /** Heartbeat interval forced instead of the server's, or null. */
    public Duration heartbeatOverride() { return heartbeatOverride; }
    public Duration meterInterval() { return meterInterval; }
    /** New connections per second during the initial ramp-up (<= 0: no limit). */
    public double rampPerSecond() { return rampPerSecond; }
    public int connectors() { return connectors; }
    /** RFID sessions per charger in session scenarios, 0 = endless. */
    public int sessionsPerCharger() { return sessionsPerCharger; }
    public Duration sessionDuration() { return sessionDuration; }
    public Duration sessionPause() { return sessionPause; }
    public Duration faultInterval() { return faultInterval; }
    public Duration offlineDuration() { return offlineDuration; }
    public Duration stormInterval() { return stormInterval; }
    public Duration callTimeout() { return callTimeout; }
    public Duration connectTimeout() { return connectTimeout; }
    public Duration initialBackoff() { return initialBackoff; }
    public Duration maxBackoff() { return maxBackoff; }
    public Duration rebootDelay() { return rebootDelay; }
    public Duration shutdownGrace() { return shutdownGrace; }
    public boolean stopSessionsOnShutdown() { return stopSessionsOnShutdown; }
    public long seed() { return seed; }
    /** Worker threads for charge point logic (0 = number of CPUs, at least 2). */
    public int threads() { return threads; }
    /** Print every frame to stderr. */
    public boolean trace() { return trace; }
    /**
     * Open loop: CALLs per second offered by the whole fleet in the {@code load} and {@code chatter}
     * scenarios (paced by one scheduler, spread round-robin over booted chargers, never more than one
     * outstanding CALL per charger). 0 = closed loop: every charger sends its next CALL as soon as the
     * previous one is answered.
     */
    public double rate() { return rate; }
    /** MeterValues per session in the {@code load} mix (default 5). */
    public int loadMeterValues() { return loadMeterValues; }
    /** Width of the throughput windows in the summary (default 10 s). */
    public Duration statsWindow() { return statsWindow; }
    /** Observer of every CALLRESULT the charge points receive, or null. */
    public CallListener callListener() { return callListener; }

    public String chargePointId(int number) {
        return String.format("%s-%05d", idPrefix, number);
    }

    public String idTag(int number) {
        return String.format("%s-%05d", idTagPrefix, number);
    }

    public Builder toBuilder() {
        Builder b = new Builder(url);
        b.chargers = chargers;
        b.startIndex = startIndex;
        b.idPrefix = idPrefix;
        b.idTagPrefix = idTagPrefix;
        b.password = password;
        b.scenario = scenario;
        b.duration = duration;
        b.heartbeatOverride = heartbeatOverride;
        b.meterInterval = meterInterval;
        b.rampPerSecond = rampPerSecond;
        b.connectors = connectors;
        b.sessionsPerCharger = sessionsPerCharger;
        b.sessionDuration = sessionDuration;
        b.sessionPause = sessionPause;
        b.faultInterval = faultInterval;
        b.offlineDuration = offlineDuration;
        b.stormInterval = stormInterval;
        b.callTimeout = callTimeout;
        b.connectTimeout = connectTimeout;
        b.initialBackoff = initialBackoff;
        b.maxBackoff = maxBackoff;
        b.rebootDelay = rebootDelay;
        b.shutdownGrace = shutdownGrace;
        b.stopSessionsOnShutdown = stopSessionsOnShutdown;
        b.seed = seed;
        b.threads = threads;
        b.trace = trace;
        b.rate = rate;
        b.loadMeterValues = loadMeterValues;
        b.statsWindow = statsWindow;
        b.callListener = callListener;
        return b;
    }

    public static final class Builder {
        private URI url;
        private int chargers = 1;
        private int startIndex = 1;
        private String idPrefix = "SIM";
        private String idTagPrefix = "TAG";
        private String password;
        private Scenario scenario = Scenario.IDLE;
        private Duration duration;
        private Duration heartbeatOverride;
        private Duration meterInterval = Duration.ofSeconds(10);
        private double rampPerSecond = 200;
        private int connectors = 1;
        private int sessionsPerCharger;
        private Duration sessionDuration = Duration.ofSeconds(60);
        private Duration sessionPause = Duration.ofSeconds(5);
        private Duration faultInterval = Duration.ofSeconds(30);
        private Duration offlineDuration = Duration.ofSeconds(10);
        private Duration stormInterval = Duration.ofSeconds(30);
        private Duration callTimeout = Duration.ofSeconds(30);
        private Duration connectTimeout = Duration.ofSeconds(20);
        private Duration initialBackoff = Duration.ofSeconds(1);
        private Duration maxBackoff = Duration.ofSeconds(60);
        private Duration rebootDelay = Duration.ofSeconds(1);
        private Duration shutdownGrace = Duration.ofSeconds(5);
        private boolean stopSessionsOnShutdown = true;
        private long seed = System.nanoTime();
        private int threads;
        private boolean trace;
        private double rate;
        private int loadMeterValues = 5;
        private Duration statsWindow = Duration.ofSeconds(10);
        private CallListener callListener;

        private Builder(URI url) {
            this.url = Objects.requireNonNull(url, "url");
        }

        public Builder url(URI v) { this.url = Objects.requireNonNull(v); return this; }
        public Builder chargers(int v) { this.chargers = v; return this; }
        public Builder startIndex(int v) { this.startIndex = v; return this; }
        public Builder idPrefix(String v) { this.idPrefix = v; return this; }
        public Builder idTagPrefix(String v) { this.idTagPrefix = v; return this; }
        public Builder password(String v) { this.password = v; return this; }
        public Builder scenario(Scenario v) { this.scenario = v; return this; }
        public Builder duration(Duration v) { this.duration = v; return this; }
        public Builder heartbeatOverride(Duration v) { this.heartbeatOverride = v; return this; }
        public Builder meterInterval(Duration v) { this.meterInterval = v; return this; }
        public Builder rampPerSecond(double v) { this.rampPerSecond = v; return this; }
        public Builder connectors(int v) { this.connectors = v; return this; }
        public Builder sessionsPerCharger(int v) { this.sessionsPerCharger = v; return this; }
        public Builder sessionDuration(Duration v) { this.sessionDuration = v; return this; }
        public Builder sessionPause(Duration v) { this.sessionPause = v; return this; }
        public Builder faultInterval(Duration v) { this.faultInterval = v; return this; }
        public Builder offlineDuration(Duration v) { this.offlineDuration = v; return this; }
        public Builder stormInterval(Duration v) { this.stormInterval = v; return this; }
        public Builder callTimeout(Duration v) { this.callTimeout = v; return this; }
        public Builder connectTimeout(Duration v) { this.connectTimeout = v; return this; }
        public Builder initialBackoff(Duration v) { this.initialBackoff = v; return this; }
        public Builder maxBackoff(Duration v) { this.maxBackoff = v; return this; }
        public Builder rebootDelay(Duration v) { this.rebootDelay = v; return this; }
        public Builder shutdownGrace(Duration v) { this.shutdownGrace = v; return this; }
        public Builder stopSessionsOnShutdown(boolean v) { this.stopSessionsOnShutdown = v; return this; }
        public Builder seed(long v) { this.seed = v; return this; }
        public Builder threads(int v) { this.threads = v; return this; }
        public Builder trace(boolean v) { this.trace = v; return this; }
        public Builder rate(double v) { this.rate = v; return this; }
        public Builder loadMeterValues(int v) { this.loadMeterValues = v; return this; }
        public Builder statsWindow(Duration v) { this.statsWindow = v; return this; }
        public Builder callListener(CallListener v) { this.callListener = v; return this; }

        public SimulatorConfig build() {
            String scheme = url.getScheme();
            if (!"ws".equalsIgnoreCase(scheme) && !"wss".equalsIgnoreCase(scheme)) {
                throw new IllegalArgumentException("url must be ws:// or wss://, got " + url);
            }
            require(chargers >= 1, "chargers must be >= 1");
            require(startIndex >= 0, "start index must be >= 0");
            require(connectors >= 1 && connectors <= 99, "connectors must be 1..99");
            require(sessionsPerCharger >= 0, "sessions must be >= 0");
            require(idPrefix != null && !idPrefix.isBlank() && idPrefix.matches("[A-Za-z0-9._~-]+"),
                    "id prefix must be non-empty and URL-safe ([A-Za-z0-9._~-])");
            require(idTagPrefix != null && !idTagPrefix.isBlank() && idTagPrefix.length() <= 14,
                    "id tag prefix must be 1..14 characters (idTag is CiString20)");
            require(startIndex + (long) chargers - 1 <= 99_999, "charger numbers must stay <= 99999");
            positive(meterInterval, "meter interval", true);
            positive(sessionDuration, "session duration", false);
            positive(sessionPause, "session pause", true);
            positive(faultInterval, "fault interval", false);
            positive(offlineDuration, "offline duration", true);
            positive(stormInterval, "storm interval", false);
            positive(callTimeout, "call timeout", false);
            positive(connectTimeout, "connect timeout", false);
            positive(initialBackoff, "initial back-off", false);
            positive(maxBackoff, "max back-off", false);
            positive(rebootDelay, "reboot delay", true);
            positive(shutdownGrace, "shutdown grace", true);
            if (heartbeatOverride != null) {
                positive(heartbeatOverride, "heartbeat", false);
            }
            if (duration != null) {
                positive(duration, "duration", false);
            }
            require(threads >= 0, "threads must be >= 0");
            require(rate >= 0 && !Double.isInfinite(rate) && !Double.isNaN(rate), "rate must be >= 0 (0 = closed loop)");
            require(rate == 0 || scenario == Scenario.LOAD || scenario == Scenario.CHATTER,
                    "rate (open loop) applies to the load and chatter scenarios only");
            require(loadMeterValues >= 0 && loadMeterValues <= 1000, "load meter values must be 0..1000");
            positive(statsWindow, "stats window", false);
            return new SimulatorConfig(this);
        }

        private static void positive(Duration d, String what, boolean zeroAllowed) {
            require(d != null, what + " must be set");
            require(zeroAllowed ? !d.isNegative() : !d.isNegative() && !d.isZero(),
                    what + " must be " + (zeroAllowed ? ">= 0" : "> 0"));
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
