package io.chargeledger.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

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
        Map<String, Latency> latency) {

    /** Latency of one action in milliseconds. */
    public record Latency(long count, double p50, double p90, double p99, double max, double mean) {
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
