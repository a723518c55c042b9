package io.chargeledger.api.ocpp;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import org.springframework.web.socket.server.RequestUpgradeStrategy;
import org.springframework.web.socket.server.standard.StandardWebSocketUpgradeStrategy;

/**
 * Neither the session an OCPP upgrade creates nor the container gets a list of the handshake's headers to copy, while
 * the container can still read each WebSocket header it checks; the session keeps no socket addresses either. The container here only records what it is asked
 * to do; the real upgrade, through Tomcat, is what every OCPP test in this module goes through.
 */
class LeanSessionUpgradeStrategyTest {

    @Test
    void noHeaderIsListedForCopyingButEachCanStillBeReadByName() throws Exception {
        Upgrade upgrade = upgradeWith(new LeanSessionUpgradeStrategy());

        assertThat(upgrade.session.getHandshakeHeaders().headerNames()).isEmpty();
        assertThat(Collections.list(upgrade.upgradedRequest.getHeaderNames())).isEmpty();
        assertThat(upgrade.upgradedRequest.getHeader("Sec-WebSocket-Key")).isEqualTo("dGhlIHNhbXBsZSBub25jZQ==");
        assertThat(upgrade.upgradedRequest.getHeader("Sec-WebSocket-Protocol")).isEqualTo("ocpp1.6");
        assertThat(upgrade.config.getSubprotocols()).containsExactly("ocpp1.6");
        assertThat(upgrade.session.getRemoteAddress()).isNull();
        assertThat(upgrade.session.getLocalAddress()).isNull();
    }

    @Test
    void springsOwnStrategyWouldKeepThemAll() throws Exception {
        Upgrade upgrade = upgradeWith(new StandardWebSocketUpgradeStrategy());

        assertThat(upgrade.session.getHandshakeHeaders().getFirst("Authorization")).isEqualTo("Basic Q1AtMTprZXk=");
        assertThat(Collections.list(upgrade.upgradedRequest.getHeaderNames())).contains("Authorization", "User-Agent");
        assertThat(upgrade.session.getRemoteAddress()).isNotNull();
        assertThat(upgrade.session.getLocalAddress()).isNotNull();
    }

    private record Upgrade(WebSocketSession session, HttpServletRequest upgradedRequest,
                           ServerEndpointConfig config) {
    }

    private static Upgrade upgradeWith(RequestUpgradeStrategy strategy) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/ocpp/CP-1");
        request.setRemoteAddr("192.0.2.7");
        request.setRemotePort(50123);
        request.addHeader("Authorization", "Basic Q1AtMTprZXk=");
        request.addHeader("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
        request.addHeader("Sec-WebSocket-Protocol", "ocpp1.6");
        request.addHeader("User-Agent", "a charger");
        AtomicReference<Object> upgradedRequest = new AtomicReference<>();
        AtomicReference<ServerEndpointConfig> config = new AtomicReference<>();
        ServerContainer container = proxy(ServerContainer.class, (method, args) -> {
            if (method.equals("upgradeHttpToWebSocket")) {
                upgradedRequest.set(args[0]);
                config.set((ServerEndpointConfig) args[2]);
            }
            return null;
        });
        request.getServletContext().setAttribute(ServerContainer.class.getName(), container);

        AtomicReference<WebSocketSession> opened = new AtomicReference<>();
        ServletServerHttpResponse response = new ServletServerHttpResponse(new MockHttpServletResponse());
        strategy.upgrade(new ServletServerHttpRequest(request), response, "ocpp1.6", List.of(), null,
                new AbstractWebSocketHandler() {
                    @Override
                    public void afterConnectionEstablished(WebSocketSession session) {
                        opened.set(session);
                    }
                }, new HashMap<>());
        // the container opens the endpoint once the socket is upgraded
        ((Endpoint) config.get().getConfigurator().getEndpointInstance(Endpoint.class))
                .onOpen(proxy(Session.class, (method, args) -> null), config.get());
        return new Upgrade(opened.get(), (HttpServletRequest) upgradedRequest.get(), config.get());
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Answer answer) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(self);
                    case "equals" -> self == args[0];
                    case "toString" -> type.getSimpleName();
                    default -> answer.answer(method.getName(), args);
                });
    }
}
