package io.chargeledger.benchmarks;

import java.util.List;
import java.util.Locale;

/**
 * One reported number. {@code value} null means "not measured by this run" (with the reason in {@code note}).
 * Targets are checked against the value; a figure may carry several (e.g. issue 3's and issue 6's).
 */
record Figure(String key, String section, String label, String unit, Double value, List<Target> targets, String note) {

    /** A target: {@code value op threshold}, named after where it comes from. */
    record Target(String source, String op, double threshold) {

        static Target atLeast(String source, double threshold) {
            return new Target(source, ">=", threshold);
        }

        static Target atMost(String source, double threshold) {
            return new Target(source, "<=", threshold);
        }

        boolean met(double value) {
            return switch (op) {
                case ">=" -> value >= threshold;
                case "<=" -> value <= threshold;
                case "==" -> value == threshold;
                default -> throw new IllegalStateException(op);
            };
        }

        String describe(String unit) {
            String symbol = switch (op) {
                case ">=" -> "≥";
                case "<=" -> "≤";
                default -> "=";
            };
            return (source.isEmpty() ? "" : source + ": ") + symbol + " " + Figure.format(threshold) + (unit.isEmpty() ? "" : " " + unit);
        }
    }

    static Figure of(String key, String section, String label, String unit, Double value, Target... targets) {
        return new Figure(key, section, label, unit, value, List.of(targets), null);
    }

    static Figure notMeasured(String key, String section, String label, String unit, String why, Target... targets) {
        return new Figure(key, section, label, unit, null, List.of(targets), why);
    }

    Figure withNote(String text) {
        return new Figure(key, section, label, unit, value, targets, text);
    }

    /** "met", "not met", "issue 3: met; issue 6 c: not met", or "" without targets / value. */
    String status() {
        if (targets.isEmpty()) {
            return "";
        }
        if (value == null) {
            return "not measured";
        }
        if (targets.size() == 1) {
            return targets.get(0).met(value) ? "met" : "**not met**";
        }
        StringBuilder b = new StringBuilder();
        for (Target t : targets) {
            if (b.length() > 0) {
                b.append("; ");
            }
            b.append(t.source()).append(": ").append(t.met(value) ? "met" : "**not met**");
        }
        return b.toString();
    }

    String targetText() {
        return String.join("; ", targets.stream().map(t -> t.describe(unit)).toList());
    }

    static String format(Double v) {
        if (v == null) {
            return "–";
        }
        double a = Math.abs(v);
        if (v == Math.rint(v) && a < 1e15) {
            return String.format(Locale.ROOT, "%,d", v.longValue());
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }

    String valueText() {
        return value == null ? "not measured by this run" : format(value) + (unit.isEmpty() ? "" : " " + unit);
    }
}
