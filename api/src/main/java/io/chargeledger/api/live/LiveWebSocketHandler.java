package io.chargeledger.api.live;

import io.chargeledger.api.live.LiveUpdateHub.LiveSubscriber;
import java.security.Principal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console's live feed at /ws/updates. Spring Security has already authenticated the handshake (bearer token in
 * the {@code access_token} query parameter, or the Authorization header); unauthenticated handshakes got 401. The
 * first message is {@code {"type":"welcome","data":{"username":..,"roles":[..]}}}, sent once the console is
 * subscribed; then {@code {"type":"charger"|"connector"|"session","data":{..}}} per change. Messages from the
 * browser are ignored. The socket closes (1008) when the token expires.
 */
@Component
public class LiveWebSocketHandler extends TextWebSocketHandler {

    private static final int SEND_TIME_LIMIT_MS = 10_000;
    private static final int BUFFER_LIMIT_BYTES = 4 * 1024 * 1024;

    private final LiveUpdateHub hub;
    private final JsonMapper json;

    public LiveWebSocketHandler(LiveUpdateHub hub, JsonMapper json) {
        this.hub = hub;
        this.json = json;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws Exception {
        Principal principal = session.getPrincipal();
        if (!(principal instanceof Authentication authentication) || !authentication.isAuthenticated()) {
            session.close(CloseStatus.POLICY_VIOLATION.withReason("not signed in"));
            return;
        }
        Set<String> roles = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith("ROLE_"))
                .map(authority -> authority.substring("ROLE_".length()))
                .collect(Collectors.toUnmodifiableSet());
        Instant expiresAt = authentication instanceof JwtAuthenticationToken jwt ? jwt.getToken().getExpiresAt() : null;
        // a slow browser must not hold up the others: sends to it are buffered and bounded
        WebSocketSession concurrent = new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MS,
                BUFFER_LIMIT_BYTES, ConcurrentWebSocketSessionDecorator.OverflowStrategy.TERMINATE);
        LiveSubscriber subscriber = new LiveSubscriber(concurrent, authentication.getName(), roles, expiresAt);
        hub.join(subscriber);
        Map<String, Object> welcome = new LinkedHashMap<>();
        welcome.put("type", "welcome");
        welcome.put("data", Map.of("username", authentication.getName(), "roles", roles.stream().sorted().toList()));
        subscriber.send(new TextMessage(json.writeValueAsString(welcome)));
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        // the feed is one-way; pings from the browser are simply ignored
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        hub.leave(session.getId());
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        hub.leave(session.getId());
    }
}
