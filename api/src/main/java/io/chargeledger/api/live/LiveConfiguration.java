package io.chargeledger.api.live;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/** Registers the console's live feed; authentication of its handshake is in SecurityConfiguration. */
@Configuration(proxyBeanMethods = false)
public class LiveConfiguration {

    public static final String PATH = "/ws/updates";

    @Bean
    WebSocketConfigurer liveUpdatesEndpoint(LiveWebSocketHandler handler) {
        // same origin only: the console is served by this server
        return (WebSocketHandlerRegistry registry) -> registry.addHandler(handler, PATH);
    }
}
