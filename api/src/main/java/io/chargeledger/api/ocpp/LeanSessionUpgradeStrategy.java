package io.chargeledger.api.ocpp;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeFailureException;
import org.springframework.web.socket.server.standard.StandardWebSocketUpgradeStrategy;

/**
 * Upgrades like Spring's standard strategy, but neither the container nor Spring keeps a copy of the handshake's
 * headers, nor Spring of its addresses, for the life of the connection. Every charger holds its socket for days;
 * Tomcat's handshake request and Spring's WebSocket session each copied all headers (names, values, a
 * case-insensitive map: roughly 4 KiB of heap per connection together, by the class histogram of 19,000 held
 * chargers, the charger's Basic credentials among them), to serve {@code HandshakeRequest.getHeaders()} and
 * {@code WebSocketSession.getHandshakeHeaders()}, and Spring's session two more socket addresses (its own
 * {@code InetSocketAddress} objects beside the socket's, with their host strings) for
 * {@code getLocalAddress()} and {@code getRemoteAddress()}. The OCPP endpoint calls none of them: what it needs from
 * the handshake (charge point id, credentials, remote address) the handshake interceptor reads before the upgrade.
 * <p>
 * Both copy what {@link HttpServletRequest#getHeaderNames()} lists, so the upgrade sees a request that lists no
 * header names but still answers {@code getHeader(name)}: the container's checks of the WebSocket headers
 * (Sec-WebSocket-Key, -Version, -Protocol, Origin, ...) read them by name and are unchanged.
 */
class LeanSessionUpgradeStrategy extends StandardWebSocketUpgradeStrategy {

    @Override
    public void upgrade(ServerHttpRequest request, ServerHttpResponse response, String selectedProtocol,
                        List<WebSocketExtension> selectedExtensions, Principal user, WebSocketHandler wsHandler,
                        Map<String, Object> attributes) throws HandshakeFailureException {
        HttpServletRequest servletRequest = ((ServletServerHttpRequest) request).getServletRequest();
        super.upgrade(new WithoutAddresses(new HeaderNamesNotListed(servletRequest)), response,
                selectedProtocol, selectedExtensions, user, wsHandler, attributes);
    }

    /** Spring's session keeps what these answer; null is what it keeps when a request cannot tell. */
    private static final class WithoutAddresses extends ServletServerHttpRequest {

        WithoutAddresses(HttpServletRequest request) {
            super(request);
        }

        @Override
        public InetSocketAddress getLocalAddress() {
            return null;
        }

        @Override
        public InetSocketAddress getRemoteAddress() {
            return null;
        }
    }

    private static final class HeaderNamesNotListed extends HttpServletRequestWrapper {

        HeaderNamesNotListed(HttpServletRequest request) {
            super(request);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.emptyEnumeration();
        }
    }
}
