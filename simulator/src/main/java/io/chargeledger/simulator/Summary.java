package io.chargeledger.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Snapshot of a simulator run ({@code connected} is taken when stop begins). {@code calls*} count CALLs sent by the simulated charge
 * points; {@code incoming*} count CALLs the central system sent to them.
 * Latencies are CALL -> CALLRESULT round trips in milliseconds, per action.
 *
 * <p>Error kinds: {@code callerror:<Action>:<Code>}, {@code timeout:<Action>},
 * {@code handshake:<http status>|connect-failed|no-subprotocol|...},
 * {@code disconnect:closed-by-server:<close code>|error:<exception>}, {@code protocol:<what>}.
 * Rejections (business answers that are valid OCPP but not "Accepted") are counted apart as
 * {@code <Action>:<status>}.
 *
 * <p>{@code windows} split the run into fixed windows (default 10 s) of CALLs sent, results and errors;
 * {@code firstWindowCallsPerSecond} and {@code lastWindowCallsPerSecond} are the first and last
 * complete windows (null when there is none), for a slowdown check. Open loop ({@code offeredRate} > 0):
 * {@code offered} sends the pacer asked for, {@code backlog} of them skipped because the charger still
 * waited for its previous answer, {@code notReady} skipped because no charger was connected and booted.
 * Counters and {@code elapsedSeconds} start at launch or at the last {@link Simulator#resetMeasurements()}.
 */
public record Summary(
        String scenario,
        int chargers,
        double elapsedSeconds,
        int connected,
        int peakConnected,
        long connects,
        long bootsAccepted,
        long callsSent,
        long callResults,
        long callErrors,
        double callsPerSecond,
        long incomingCalls,
        long sessionsStarted,
        long sessionsCompleted,
        int activeSessions,
        long droppedMessages,
        long totalErrors,
        Map<String, Long> errors,
        Map<String, Long> rejections,
        Map<String, Long> callsByAction,
        Map<String, Long> incomingByAction,
        Map<String, Latency> latency,
        Latency overallLatency,
        double windowSeconds,
        List<Window> windows,
        Double firstWindowCallsPerSecond,
        Double lastWindowCallsPerSecond,
        double offeredRate,
        long offered,
        long backlog,
        long notReady) {

    /** Latency of one action in milliseconds. */
    public record Latency(long count, double p50, double p90, double p99, double max, double mean) {
    }

    /** One throughput window: CALLs sent, results and errors counted in [startSecond, startSecond + seconds). */
    public record Window(int index, double startSecond, double seconds, long calls, long results, long errors,
                         double callsPerSecond, boolean complete) {
    }

    /** Last / first complete window in percent, or null without two complete windows. */
    public Double lastToFirstWindowPercent() {
        if (firstWindowCallsPerSecond == null || lastWindowCallsPerSecond == null || firstWindowCallsPerSecond == 0) {
            return null;
        }
        return Math.round(lastWindowCallsPerSecond / firstWindowCallsPerSecond * 1000) / 10.0;
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public String toText() {
        StringBuilder b = new StringBuilder();
        b.append("ChargeLedger simulator summary\n");
        b.append(String.format(Locale.ROOT, "  scenario %s, chargers %d, elapsed %.1f s%n", scenario, chargers, elapsedSeconds));
        b.append(String.format(Locale.ROOT, "  connections: connected when stopping %d, peak %d, opened %d, boots accepted %d%n",
                connected, peakConnected, connects, bootsAccepted));
        b.append(String.format(Locale.ROOT, "  calls sent %d (%.1f calls/s), results %d, CALLERRORs %d, incoming CALLs %d%n",
                callsSent, callsPerSecond, callResults, callErrors, incomingCalls));
        b.append(String.format(Locale.ROOT, "  sessions started %d, completed %d, active %d, dropped messages %d%n",
                sessionsStarted, sessionsCompleted, activeSessions, droppedMessages));
        if (offeredRate > 0) {
            b.append(String.format(Locale.ROOT, "  open loop: %.1f calls/s offered, %d sends due, %d skipped (backlog: charger still waiting), %d skipped (no charger ready)%n",
                    offeredRate, offered, backlog, notReady));
        }
        if (firstWindowCallsPerSecond != null) {
            Double pct = lastToFirstWindowPercent();
            b.append(String.format(Locale.ROOT, "  %.0f s windows: first %.1f calls/s, last %.1f calls/s%s%n", windowSeconds,
                    firstWindowCallsPerSecond, lastWindowCallsPerSecond, pct == null ? "" : " (" + pct + " % of first)"));
            if (windows.size() <= 60) {
                StringBuilder w = new StringBuilder("   ");
                for (Window win : windows) {
                    w.append(String.format(Locale.ROOT, " %.0f%s", win.callsPerSecond(), win.complete() ? "" : "*"));
                }
                b.append(w).append('\n');
            }
        }
        b.append("  errors: ").append(totalErrors).append('\n');
        errors.forEach((k, v) -> b.append(String.format(Locale.ROOT, "    %-48s %d%n", k, v)));
        if (!rejections.isEmpty()) {
            b.append("  rejections:\n");
            rejections.forEach((k, v) -> b.append(String.format(Locale.ROOT, "    %-48s %d%n", k, v)));
        }
        if (!incomingByAction.isEmpty()) {
            b.append("  incoming CALLs by action:\n");
            incomingByAction.forEach((k, v) -> b.append(String.format(Locale.ROOT, "    %-48s %d%n", k, v)));
        }
        b.append(String.format(Locale.ROOT, "  %-26s %9s %9s %9s %9s %9s %9s%n",
                "latency (ms) per action", "sent", "results", "p50", "p90", "p99", "max"));
        if (overallLatency != null && overallLatency.count() > 0) {
            b.append(String.format(Locale.ROOT, "  %-26s %9d %9d %9.2f %9.2f %9.2f %9.2f%n", "(all actions)", callsSent,
                    overallLatency.count(), overallLatency.p50(), overallLatency.p90(), overallLatency.p99(),
                    overallLatency.max()));
        }
        for (Map.Entry<String, Long> e : callsByAction.entrySet()) {
            Latency l = latency.get(e.getKey());
            if (l == null) {
                b.append(String.format(Locale.ROOT, "  %-26s %9d %9d %9s %9s %9s %9s%n", e.getKey(), e.getValue(), 0, "-", "-", "-", "-"));
            } else {
                b.append(String.format(Locale.ROOT, "  %-26s %9d %9d %9.2f %9.2f %9.2f %9.2f%n",
                        e.getKey(), e.getValue(), l.count(), l.p50(), l.p90(), l.p99(), l.max()));
            }
        }
        return b.toString();
    }
}
