package io.chargeledger.api.ocpp;

import io.chargeledger.ChargeLedgerApplication;
import io.chargeledger.ocpp.connection.ConnectionRegistry;
import io.chargeledger.ocpp.connection.LocalConnectionRegistry;
import io.chargeledger.ocpp.handlers.BootNotificationHandler;
import io.chargeledger.ocpp.handlers.DataTransferHandler;
import io.chargeledger.ocpp.handlers.DiagnosticsStatusNotificationHandler;
import io.chargeledger.ocpp.handlers.FirmwareStatusNotificationHandler;
import io.chargeledger.ocpp.handlers.HeartbeatHandler;
import io.chargeledger.ocpp.handlers.OcppCallHandler;
import io.chargeledger.ocpp.handlers.StatusNotificationHandler;
import io.chargeledger.ocpp.liveness.LivenessMonitor;
import io.chargeledger.ocpp.outbound.ChargerOperations;
import io.chargeledger.ocpp.outbound.LocalChargePointGateway;
import io.chargeledger.ocpp.server.CredentialCheck;
import io.chargeledger.ocpp.server.HandshakeAdmission;
import io.chargeledger.ocpp.sessions.AuthorizeHandler;
import io.chargeledger.ocpp.sessions.MeterValuesHandler;
import io.chargeledger.ocpp.sessions.RemoteSessionCommands;
import io.chargeledger.ocpp.sessions.StartTransactionHandler;
import io.chargeledger.ocpp.sessions.StopTransactionHandler;
import io.chargeledger.ocpp.sessions.TransactionRegistry;
import io.chargeledger.ocpp.server.InboundCallProcessor;
import io.chargeledger.ocpp.server.OcppHandshakeInterceptor;
import io.chargeledger.ocpp.server.OcppMetrics;
import io.chargeledger.ocpp.server.OcppSettings;
import io.chargeledger.ocpp.server.OcppWebSocketHandler;
import io.chargeledger.ocpp.validation.OcppMessageValidator;
import io.chargeledger.projections.charger.ChargerLastSeenWriter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/** Wires the OCPP adapter (which knows nothing of Spring Boot) into the application. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
@org.springframework.scheduling.annotation.EnableScheduling
@EnableConfigurationProperties(OcppProperties.class)
public class OcppConfiguration {

    private static final int TEXT_BUFFER_CHARS = 512;
    private static final int BINARY_BUFFER_BYTES = 256;

    @Bean
    OcppSettings ocppSettings(OcppProperties properties) {
        return properties.settings();
    }

    @Bean
    OcppMessageValidator ocppMessageValidator() {
        return new OcppMessageValidator();
    }

    @Bean
    ConnectionRegistry connectionRegistry() {
        return new LocalConnectionRegistry();
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService ocppScheduler() {
        return Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "ocpp-scheduler");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    OcppMetrics ocppMetrics(MeterRegistry meterRegistry, ConnectionRegistry registry) {
        return new OcppMetrics(meterRegistry, registry);
    }

    @Bean
    LocalChargePointGateway chargePointGateway(ConnectionRegistry registry, ScheduledExecutorService ocppScheduler,
                                               OcppSettings settings, OcppMetrics metrics) {
        return new LocalChargePointGateway(registry, ocppScheduler, settings.callTimeout(), metrics);
    }

    @Bean
    ChargerOperations chargerOperations(LocalChargePointGateway gateway, CommandGateway commands,
                                        OcppMessageValidator validator) {
        return new ChargerOperations(gateway, commands, validator);
    }

    @Bean
    BootNotificationHandler bootNotificationHandler(CommandGateway commands, OcppSettings settings) {
        return new BootNotificationHandler(commands, settings);
    }

    @Bean
    HeartbeatHandler heartbeatHandler() {
        return new HeartbeatHandler();
    }

    @Bean
    StatusNotificationHandler statusNotificationHandler(CommandGateway commands) {
        return new StatusNotificationHandler(commands);
    }

    @Bean
    DataTransferHandler dataTransferHandler() {
        return new DataTransferHandler();
    }

    @Bean
    FirmwareStatusNotificationHandler firmwareStatusNotificationHandler(CommandGateway commands) {
        return new FirmwareStatusNotificationHandler(commands);
    }

    @Bean
    DiagnosticsStatusNotificationHandler diagnosticsStatusNotificationHandler(CommandGateway commands) {
        return new DiagnosticsStatusNotificationHandler(commands);
    }

    @Bean
    AuthorizeHandler authorizeHandler(CommandGateway commands) {
        return new AuthorizeHandler(commands);
    }

    @Bean
    StartTransactionHandler startTransactionHandler(CommandGateway commands, TransactionRegistry transactions) {
        return new StartTransactionHandler(commands, transactions);
    }

    @Bean
    MeterValuesHandler meterValuesHandler(CommandGateway commands, TransactionRegistry transactions) {
        return new MeterValuesHandler(commands, transactions);
    }

    @Bean
    StopTransactionHandler stopTransactionHandler(CommandGateway commands, TransactionRegistry transactions) {
        return new StopTransactionHandler(commands, transactions);
    }

    @Bean
    RemoteSessionCommands remoteSessionCommands(LocalChargePointGateway gateway, CommandGateway commands,
                                                TransactionRegistry transactions) {
        return new RemoteSessionCommands(gateway, commands, transactions);
    }

    @Bean
    InboundCallProcessor inboundCallProcessor(OcppMessageValidator validator, List<OcppCallHandler> handlers,
                                              LocalChargePointGateway gateway, OcppMetrics metrics) {
        return new InboundCallProcessor(validator, handlers, gateway, metrics);
    }

    @Bean
    OcppWebSocketHandler ocppWebSocketHandler(ConnectionRegistry registry, InboundCallProcessor processor,
                                              LocalChargePointGateway gateway, CommandGateway commands,
                                              OcppSettings settings) {
        return new OcppWebSocketHandler(registry, processor, gateway, commands, settings);
    }

    @Bean
    OcppHandshakeInterceptor ocppHandshakeInterceptor(CommandGateway commands, OcppSettings settings) {
        return new OcppHandshakeInterceptor(commands, new CredentialCheck(), settings,
                new HandshakeAdmission(settings.maxConcurrentHandshakes()));
    }

    @Bean
    LivenessMonitor livenessMonitor(ConnectionRegistry registry, ChargerLastSeenWriter lastSeenWriter,
                                    CommandGateway commands, OcppWebSocketHandler handler, OcppSettings settings,
                                    ScheduledExecutorService ocppScheduler) {
        LivenessMonitor monitor = new LivenessMonitor(registry, lastSeenWriter::lastSeen, commands, handler, settings);
        long periodMs = Math.max(200, Math.min(5_000, settings.livenessFlushInterval().toMillis() / 2));
        ocppScheduler.scheduleWithFixedDelay(() -> {
            try {
                monitor.run();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(LivenessMonitor.class).error("Liveness round failed", e);
            }
        }, periodMs, periodMs, TimeUnit.MILLISECONDS);
        return monitor;
    }

    @Bean
    WebSocketConfigurer ocppEndpoint(OcppWebSocketHandler handler, OcppHandshakeInterceptor interceptor) {
        DefaultHandshakeHandler handshake = new DefaultHandshakeHandler(new LeanSessionUpgradeStrategy());
        handshake.setSupportedProtocols(OcppWebSocketHandler.SUBPROTOCOL);
        return (WebSocketHandlerRegistry registry) -> registry.addHandler(handler, "/ocpp/*")
                .addInterceptors(interceptor)
                .setHandshakeHandler(handshake)
                .setAllowedOriginPatterns("*");
    }

    /**
     * Tomcat keeps a read and a write buffer for every open socket (8 KiB each by default), allocated when the socket is
     * accepted. The read buffer has the size of the WebSocket input buffer (512 bytes unless set, see
     * ChargeLedgerApplication): Tomcat then reads a charger's frames straight into that buffer instead of through the
     * socket's own, and larger HTTP requests simply take a few more reads. The write buffer is what an HTTP response
     * goes through (WebSocket frames are written from their own buffers): Tomcat writes a response to the socket one
     * buffer at a time, and each write on a socket is a system call and a TCP segment. At 512 bytes, an audit export of
     * 100,000 events (62 MB) took about 122,000 writes and spent over half its time in the kernel; with 2 KiB (the
     * default of {@code chargeledger.http.socket-write-buffer}) it took 0.63-0.76 s instead of 0.95-1.11 s, for
     * 1.5 KiB more per connection.
     */
    @Bean
    TomcatConnectorCustomizer socketBuffers(@Value("${chargeledger.http.socket-write-buffer:2KB}") DataSize writeBuffer) {
        return socketBuffers(Integer.parseInt(System.getProperty(ChargeLedgerApplication.TOMCAT_WEBSOCKET_BUFFER,
                String.valueOf(ChargeLedgerApplication.WEBSOCKET_BUFFER_BYTES))), writeBuffer);
    }

    static TomcatConnectorCustomizer socketBuffers(int readBufferBytes, DataSize writeBuffer) {
        if (writeBuffer.toBytes() < MIN_SOCKET_WRITE_BUFFER.toBytes()
                || writeBuffer.toBytes() > MAX_SOCKET_WRITE_BUFFER.toBytes()) {
            throw new IllegalStateException("chargeledger.http.socket-write-buffer must be between "
                    + MIN_SOCKET_WRITE_BUFFER.toBytes() + "B and " + MAX_SOCKET_WRITE_BUFFER.toKilobytes()
                    + "KB, was " + writeBuffer.toBytes() + "B");
        }
        return connector -> {
            connector.setProperty("socket.appReadBufSize", String.valueOf(readBufferBytes));
            connector.setProperty("socket.appWriteBufSize", String.valueOf(writeBuffer.toBytes()));
        };
    }

    // every open socket, each charger's included, holds one write buffer: a large one costs memory per charger
    static final DataSize MIN_SOCKET_WRITE_BUFFER = DataSize.ofBytes(512);
    static final DataSize MAX_SOCKET_WRITE_BUFFER = DataSize.ofKilobytes(64);

    /**
     * Tomcat allocates both message buffers for every connection up front, so they stay small: a text frame
     * larger than the buffer reaches the OCPP handler in parts, which enforces max-frame-bytes (1009 above it);
     * binary frames, which OCPP-J never uses, are refused whatever their size. The console channel's messages
     * are far smaller.
     */
    @Bean
    ServletServerContainerFactoryBean webSocketContainer(OcppSettings settings) {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(Math.min(settings.maxFrameBytes(), TEXT_BUFFER_CHARS));
        container.setMaxBinaryMessageBufferSize(BINARY_BUFFER_BYTES);
        container.setMaxSessionIdleTimeout(0L);
        return container;
    }
}
