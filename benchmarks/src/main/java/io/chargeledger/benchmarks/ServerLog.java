package io.chargeledger.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Scans the server log for WARN and ERROR lines and exception lines, grouping repeated messages. */
final class ServerLog {

    /** Spring Boot's console pattern: timestamp, then the level. */
    private static final Pattern LEVEL = Pattern.compile("^\\S+\\s+(WARN|ERROR)\\b");
    private static final Pattern EXCEPTION = Pattern.compile("^(Caused by: )?([\\w$]+\\.)+[\\w$]*(Exception|Error)\\b.*");
    private static final Pattern NOISE = Pattern.compile(
            "\\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b|\\[[^\\]]*\\]|\\d+");

    /** Counts, and distinct messages (numbers, UUIDs and [bracketed] parts folded) with count and first example. */
    record Scan(long lines, long warnings, long errors, long exceptionLines, Map<String, Long> counts,
                Map<String, String> examples) {

        List<String> top(int n) {
            List<Map.Entry<String, Long>> e = new ArrayList<>(counts.entrySet());
            e.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
            List<String> out = new ArrayList<>();
            for (int i = 0; i < Math.min(n, e.size()); i++) {
                out.add(e.get(i).getValue() + " x " + examples.get(e.get(i).getKey()));
            }
            return out;
        }
    }

    static Scan scan(Path log) throws IOException {
        long lines = 0;
        long warnings = 0;
        long errors = 0;
        long exceptions = 0;
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, String> examples = new LinkedHashMap<>();
        try (BufferedReader r = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                lines++;
                String key;
                Matcher level = LEVEL.matcher(line);
                if (level.find()) {
                    if (level.group(1).equals("WARN")) {
                        warnings++;
                    } else {
                        errors++;
                    }
                    int sep = line.indexOf(" : ");
                    String logger = sep > 0 ? line.substring(line.lastIndexOf(' ', sep - 1) + 1, sep) : "";
                    key = level.group(1) + " " + logger + " " + (sep > 0 ? line.substring(sep + 3) : line);
                } else if (EXCEPTION.matcher(line).matches()) {
                    exceptions++;
                    key = line;
                } else {
                    continue;
                }
                key = NOISE.matcher(key).replaceAll("#");
                counts.merge(key, 1L, Long::sum);
                examples.putIfAbsent(key, line.length() > 400 ? line.substring(0, 400) + "..." : line);
            }
        }
        return new Scan(lines, warnings, errors, exceptions, counts, examples);
    }
}
