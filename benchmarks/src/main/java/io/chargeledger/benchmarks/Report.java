package io.chargeledger.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark report: figures with the previous run's value beside them (read from {@code latest.json} of the
 * results directory) and their targets, plus machine, commit, server command and per-workload details. Written as
 * {@code <stamp>-<commit>.md} and {@code .json}, and copied to {@code latest.md} / {@code latest.json}.
 */
final class Report {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    final String stamp;
    final String startedAt;
    String commit = "unknown";
    String treeState = "";
    final Map<String, String> machine = new LinkedHashMap<>();
    final Map<String, String> run = new LinkedHashMap<>();
    private final List<Figure> figures = new ArrayList<>();
    private final List<String> sectionOrder = new ArrayList<>();
    private final Map<String, StringBuilder> details = new LinkedHashMap<>();
    private final StringBuilder notes = new StringBuilder();

    /** The previous run: figure key -> value (null = not measured then), its stamp and commit. */
    private final Map<String, Double> previous = new LinkedHashMap<>();
    private final java.util.Set<String> previousKeys = new java.util.HashSet<>();
    private String previousRun;

    Report(String stamp, String startedAt) {
        this.stamp = stamp;
        this.startedAt = startedAt;
    }

    void section(String name) {
        if (!sectionOrder.contains(name)) {
            sectionOrder.add(name);
        }
    }

    void add(Figure f) {
        section(f.section());
        figures.removeIf(g -> g.key().equals(f.key()));
        figures.add(f);
    }

    List<Figure> figures() {
        return List.copyOf(figures);
    }

    /** Free Markdown for a workload's details. */
    StringBuilder details(String title) {
        return details.computeIfAbsent(title, t -> new StringBuilder());
    }

    void note(String text) {
        notes.append("- ").append(text).append('\n');
    }

    /** Reads the previous run's figures from {@code latest.json}, if there is one. */
    void loadPrevious(Path latestJson) {
        if (!Files.isRegularFile(latestJson)) {
            return;
        }
        try {
            JsonNode root = JSON.readTree(latestJson.toFile());
            previousRun = root.path("startedAt").asText("?") + ", commit " + root.path("commit").asText("?");
            root.path("figures").fields().forEachRemaining(e -> {
                previousKeys.add(e.getKey());
                JsonNode v = e.getValue().path("value");
                previous.put(e.getKey(), v.isNumber() ? v.asDouble() : null);
            });
        } catch (IOException e) {
            note("could not read the previous run from " + latestJson + ": " + e.getMessage());
        }
    }

    String previousText(Figure f) {
        if (!previousKeys.contains(f.key())) {
            return "–";
        }
        Double v = previous.get(f.key());
        if (v == null) {
            return "not measured";
        }
        String text = Figure.format(v);
        if (f.value() != null && v != 0) {
            double change = (f.value() - v) / Math.abs(v) * 100;
            text += String.format(java.util.Locale.ROOT, " (%+.0f %%)", change);
        }
        return text;
    }

    String markdown() {
        StringBuilder b = new StringBuilder();
        b.append("# ChargeLedger benchmark report\n\n");
        b.append("- run started: ").append(startedAt).append(" (UTC)\n");
        b.append("- git commit: `").append(commit).append("` (").append(treeState).append(")\n");
        b.append("- previous run: ").append(previousRun == null ? "none found (no latest.json)" : previousRun).append('\n');
        b.append("\n## Machine\n\n| | |\n|---|---|\n");
        machine.forEach((k, v) -> b.append("| ").append(k).append(" | ").append(escape(v)).append(" |\n"));
        b.append("\n## Run\n\n| | |\n|---|---|\n");
        run.forEach((k, v) -> b.append("| ").append(k).append(" | ").append(escape(v)).append(" |\n"));
        b.append("\n## Figures\n\n");
        b.append("\"Previous\" is the value of the run recorded in `latest.json` before this one (change in %). ")
                .append("\"not measured by this run\" marks workloads that were not selected or could not run.\n");
        for (String section : sectionOrder) {
            List<Figure> in = figures.stream().filter(f -> f.section().equals(section)).toList();
            if (in.isEmpty()) {
                continue;
            }
            b.append("\n### ").append(section).append("\n\n");
            b.append("| figure | this run | previous | target | status |\n|---|---:|---:|---|---|\n");
            for (Figure f : in) {
                b.append("| ").append(escape(f.label())).append(f.note() == null ? "" : " — " + escape(f.note()))
                        .append(" | ").append(f.valueText())
                        .append(" | ").append(previousText(f))
                        .append(" | ").append(escape(f.targetText()))
                        .append(" | ").append(f.status()).append(" |\n");
            }
        }
        if (notes.length() > 0) {
            b.append("\n## Notes\n\n").append(notes);
        }
        details.forEach((title, text) -> {
            if (text.length() > 0) {
                b.append("\n## ").append(title).append("\n\n").append(text);
                if (text.charAt(text.length() - 1) != '\n') {
                    b.append('\n');
                }
            }
        });
        return b.toString();
    }

    JsonNode json() {
        ObjectNode root = JSON.createObjectNode();
        root.put("stamp", stamp);
        root.put("startedAt", startedAt);
        root.put("commit", commit);
        root.put("tree", treeState);
        ObjectNode m = root.putObject("machine");
        machine.forEach(m::put);
        ObjectNode r = root.putObject("run");
        run.forEach(r::put);
        ObjectNode fs = root.putObject("figures");
        for (Figure f : figures) {
            ObjectNode o = fs.putObject(f.key());
            o.put("section", f.section());
            o.put("label", f.label());
            o.put("unit", f.unit());
            if (f.value() == null) {
                o.putNull("value");
            } else {
                o.put("value", f.value());
            }
            ArrayNode ts = o.putArray("targets");
            for (Figure.Target t : f.targets()) {
                ts.addObject().put("source", t.source()).put("op", t.op()).put("threshold", t.threshold());
            }
            if (!f.targets().isEmpty()) {
                o.put("status", f.status().replace("*", ""));
            }
            if (f.note() != null) {
                o.put("note", f.note());
            }
        }
        return root;
    }

    /** Writes {@code <stamp>-<commit>.md/.json} and {@code latest.md/.json}; answers the dated Markdown file. */
    Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        String md = markdown();
        String json = JSON.writeValueAsString(json()) + "\n";
        Path dated = dir.resolve(stamp + "-" + commit + ".md");
        Files.writeString(dated, md, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(stamp + "-" + commit + ".json"), json, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("latest.md"), md, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("latest.json"), json, StandardCharsets.UTF_8);
        return dated;
    }

    static String escape(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }
}
