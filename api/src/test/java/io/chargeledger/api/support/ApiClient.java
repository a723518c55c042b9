package io.chargeledger.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** A real HTTP client for the API, speaking JSON, as an operator's script would. */
public final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final javax.net.ssl.SSLContext sslContext;
    private final String baseUrl;
    private final String authorization;
    private final Map<String, String> headers;

    public ApiClient(String baseUrl, String username, String password) {
        this(baseUrl, username, password, null);
    }

    public ApiClient(String baseUrl, String username, String password, javax.net.ssl.SSLContext sslContext) {
        this(baseUrl, basic(username, password), sslContext, Map.of());
    }

    private ApiClient(String baseUrl, String authorization, javax.net.ssl.SSLContext sslContext,
                      Map<String, String> headers) {
        this.baseUrl = baseUrl;
        this.sslContext = sslContext;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (sslContext != null) {
            builder.sslContext(sslContext);
        }
        this.http = builder.build();
        this.authorization = authorization;
        this.headers = Map.copyOf(headers);
    }

    private static String basic(String username, String password) {
        return username == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public ApiClient anonymous() {
        return withAuthorization(null);
    }

    /** HTTP Basic with these credentials. */
    public ApiClient as(String username, String password) {
        return withAuthorization(basic(username, password));
    }

    /** {@code Authorization: Bearer <accessToken>}. */
    public ApiClient bearer(String accessToken) {
        return withAuthorization("Bearer " + accessToken);
    }

    /** Signs in at POST /api/auth/token and uses the token it answers. */
    public ApiClient bearerAs(String username, String password) {
        return bearer(token(username, password));
    }

    /** The access token POST /api/auth/token answers for these credentials; fails unless it answers 200. */
    public String token(String username, String password) {
        Response response = anonymous().post("/api/auth/token", Map.of("username", username, "password", password));
        if (response.status() != 200) {
            throw new IllegalStateException("No token for " + username + ": " + response.status() + " " + response.body());
        }
        return response.json().path("access_token").asText();
    }

    /** This exact Authorization header (null: none), e.g. a malformed one. */
    public ApiClient withAuthorization(String authorizationHeader) {
        return new ApiClient(baseUrl, authorizationHeader, sslContext, headers);
    }

    /** Also sends this header with every request (e.g. X-Forwarded-For). */
    public ApiClient withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiClient(baseUrl, authorization, sslContext, more);
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response post(String path, Object body) {
        return send(request(path).POST(body(body)).header("Content-Type", "application/json"));
    }

    public Response put(String path, Object body) {
        return send(request(path).PUT(body(body)).header("Content-Type", "application/json"));
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        headers.forEach(builder::header);
        return builder;
    }

    private static HttpRequest.BodyPublisher body(Object body) {
        try {
            String text = body instanceof String raw ? raw : JSON.writeValueAsString(body);
            return HttpRequest.BodyPublishers.ofString(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new IllegalStateException("HTTP request failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Response(int status, String body, HttpResponse<String> raw) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("Not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        public java.util.List<String> headers(String name) {
            return raw.headers().allValues(name);
        }
    }
}
