package io.chargeledger.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * The server's REST API as the benchmark's admin uses it: a bearer token from {@code POST /api/auth/token} when
 * the server offers it (renewed before it expires), HTTP Basic otherwise.
 */
final class AdminClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TOKEN_RENEWAL = Duration.ofMinutes(45);

    private final URI base;
    private final String username;
    private final String password;
    private final HttpClient http;
    private String token;
    private long tokenAtNanos;
    private boolean basicOnly;

    AdminClient(URI base, String username, String password) {
        this.base = base;
        this.username = username;
        this.password = password;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    URI base() {
        return base;
    }

    /** "bearer token" or "HTTP Basic", decided on first use. */
    synchronized String authenticationMode() {
        authorization();
        return basicOnly ? "HTTP Basic" : "bearer token (POST /api/auth/token)";
    }

    private synchronized String authorization() {
        if (!basicOnly && (token == null || System.nanoTime() - tokenAtNanos > TOKEN_RENEWAL.toNanos())) {
            token = requestToken();
            tokenAtNanos = System.nanoTime();
            if (token == null) {
                basicOnly = true;               // no token endpoint (404/405) or no token in the answer
            }
        }
        if (basicOnly) {
            return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                    .getBytes(StandardCharsets.UTF_8));
        }
        return "Bearer " + token;
    }

    /**
     * A new access token of its own, as the console gets one when someone signs in (for the live channel
     * {@code /ws/updates?access_token=..}), or null when the server has no token endpoint.
     */
    String newAccessToken() {
        return requestToken();
    }

    /** {@code POST /api/auth/token}: the {@code access_token} of the answer, null when there is none. */
    private String requestToken() {
        try {
            ObjectNode body = JSON.createObjectNode().put("username", username).put("password", password);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/api/auth/token"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? JSON.readTree(r.body()).path("access_token").asText(null) : null;
        } catch (IOException e) {
            throw new IllegalStateException("token request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** An HTTP answer: status and body text. */
    record Answer(int status, String body) {
        JsonNode json() {
            try {
                return body == null || body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON (" + status + "): " + abbreviate(body), e);
            }
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    Answer get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET(), Duration.ofSeconds(60));
    }

    Answer get(String path, Duration timeout) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET(), timeout);
    }

    Answer post(String path, JsonNode body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.toString()));
        return send(b, Duration.ofSeconds(60));
    }

    private Answer send(HttpRequest.Builder b, Duration timeout) {
        b.timeout(timeout).header("Accept", "application/json, application/problem+json");
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<String> r = http.send(b.copy().header("Authorization", authorization()).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 401 && attempt == 1 && !basicOnly) {
                    synchronized (this) {
                        token = null;           // expired or revoked: ask again once
                    }
                    continue;
                }
                return new Answer(r.statusCode(), r.body());
            } catch (IOException e) {
                if (attempt >= 3) {
                    throw new IllegalStateException("request failed: " + e, e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    /** Streams a body to its end; answers status, bytes, lines (newline count) and time to first byte. */
    record Streamed(int status, long bytes, long lines, double firstByteSeconds, double totalSeconds) {
    }

    Streamed stream(String path, Duration timeout) {
        long start = System.nanoTime();
        try {
            HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                    .header("Authorization", authorization()).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            long firstByte = 0;
            long bytes = 0;
            long lines = 0;
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = r.body()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (firstByte == 0 && n > 0) {
                        firstByte = System.nanoTime();
                    }
                    bytes += n;
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            lines++;
                        }
                    }
                }
            }
            long end = System.nanoTime();
            return new Streamed(r.statusCode(), bytes, lines, ((firstByte == 0 ? end : firstByte) - start) / 1e9,
                    (end - start) / 1e9);
        } catch (IOException e) {
            throw new IllegalStateException("stream failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Value of a Micrometer metric from /actuator/metrics (first measurement), or null. */
    Double metric(String name, String tag) {
        String path = "/actuator/metrics/" + name + (tag == null ? "" : "?tag=" + encode(tag));
        Answer a = get(path, Duration.ofSeconds(20));
        if (!a.ok()) {
            return null;
        }
        JsonNode m = a.json().path("measurements");
        return m.isArray() && !m.isEmpty() ? m.get(0).path("value").asDouble() : null;
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Result of a parallel registration: how many were created, already existed, failed (with examples). */
    record Registration(int created, int existing, int failed, List<String> failures, double seconds) {
    }

    /** POSTs {@code count} bodies (index 0..count-1) to {@code path} with {@code threads} threads; 409 = exists. */
    Registration registerAll(String path, int count, int threads, IntFunction<JsonNode> body) {
        long start = System.nanoTime();
        AtomicInteger created = new AtomicInteger();
        AtomicInteger existing = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<String> failures = new ArrayList<>();
        AtomicInteger next = new AtomicInteger();
        AtomicLong done = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < count) {
                        Answer a;
                        try {
                            a = post(path, body.apply(i));
                        } catch (RuntimeException e) {
                            a = new Answer(-1, e.toString());
                        }
                        if (a.status() == 201 || a.status() == 200) {
                            created.incrementAndGet();
                        } else if (a.status() == 409) {
                            existing.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                            synchronized (failures) {
                                if (failures.size() < 5) {
                                    failures.add(a.status() + " " + abbreviate(a.body()));
                                }
                            }
                        }
                        long d = done.incrementAndGet();
                        if (d % 2000 == 0) {
                            System.err.printf("  registered %d/%d (%s)%n", d, count, path);
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new Registration(created.get(), existing.get(), failed.get(), failures, (System.nanoTime() - start) / 1e9);
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        String t = s.replaceAll("\\s+", " ");
        return t.length() > 300 ? t.substring(0, 300) + "..." : t;
    }
}
