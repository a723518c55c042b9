package io.chargeledger.ocpp.server;

import io.chargeledger.charger.api.MarkConnected;
import io.chargeledger.charger.api.MarkDisconnected;
import io.chargeledger.charger.api.RegistrationStatus;
import io.chargeledger.ocpp.connection.ChargePointConnection;
import io.chargeledger.ocpp.connection.ConnectionRegistry;
import io.chargeledger.ocpp.handlers.OcppCallContext;
import io.chargeledger.ocpp.outbound.LocalChargePointGateway;
import java.io.IOException;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;

/**
 * The life of one charger socket: record the connection before any frame is processed, route frames, and
 * record the disconnection. A new socket of the same charger replaces the old one.
 */
public class OcppWebSocketHandler extends AbstractWebSocketHandler {

    public static final String SUBPROTOCOL = "ocpp1.6";
    static final String CONNECTION = "ocpp.connection";
    static final String ASSEMBLER = "ocpp.frame-assembler";
    /** RFC 6455 close code 1009: the message is too big to process. */
    static final int MESSAGE_TOO_BIG = 1009;

    private static final Logger log = LoggerFactory.getLogger(OcppWebSocketHandler.class);
    private static final int SEND_TIME_LIMIT_MS = 10_000;
    private static final int SEND_BUFFER_LIMIT = 512 * 1024;

    private final ConnectionRegistry registry;
    private final InboundCallProcessor processor;
    private final LocalChargePointGateway gateway;
    private final CommandGateway commands;
    private final OcppSettings settings;

    public OcppWebSocketHandler(ConnectionRegistry registry, InboundCallProcessor processor,
                                LocalChargePointGateway gateway, CommandGateway commands, OcppSettings settings) {
        this.registry = registry;
        this.processor = processor;
        this.gateway = gateway;
        this.commands = commands;
        this.settings = settings;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws IOException {
        // OCPP-J 1.6 section 3.1.2: without an agreed subprotocol the handshake completes without one and
        // the central system closes the connection at once.
        if (!SUBPROTOCOL.equals(session.getAcceptedProtocol())) {
            session.close(new CloseStatus(1002, "Subprotocol ocpp1.6 required"));
            return;
        }
        String chargePointId = (String) session.getAttributes().get(OcppHandshakeInterceptor.CHARGE_POINT_ID);
        int securityProfile = (Integer) session.getAttributes().get(OcppHandshakeInterceptor.SECURITY_PROFILE);
        String remoteAddress = (String) session.getAttributes().get(OcppHandshakeInterceptor.REMOTE_ADDRESS);
        WebSocketSession concurrent = new ConcurrentWebSocketSessionDecorator(session, SEND_TIME_LIMIT_MS,
                SEND_BUFFER_LIMIT, ConcurrentWebSocketSessionDecorator.OverflowStrategy.TERMINATE);
        ChargePointConnection connection = new ChargePointConnection(chargePointId, UUID.randomUUID().toString(),
                remoteAddress, securityProfile, new SessionSender(concurrent));
        session.getAttributes().put(CONNECTION, connection);
        registry.register(connection).ifPresent(previous -> {
            log.info("{} connected again; closing its previous socket", chargePointId);
            previous.close(CloseStatus.NORMAL.getCode(), "Replaced by a new connection");
        });
        commands.<RegistrationStatus>send(new MarkConnected(chargePointId, connection.connectionId(),
                        settings.nodeId(), remoteAddress, SUBPROTOCOL, securityProfile), OcppCallContext.connectionMetaData(chargePointId))
                .whenComplete((status, error) -> {
                    if (error != null) {
                        log.error("Could not record the connection of {}; closing it", chargePointId, error);
                        connection.close(CloseStatus.SERVER_ERROR.getCode(), "Could not record the connection");
                        return;
                    }
                    connection.registrationStatus(status);
                    connection.openInbound();
                    processor.drain(connection);
                });
    }

    /** The container hands over large frames in parts, so it can keep a small buffer per connection. */
    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage part) throws IOException {
        ChargePointConnection connection = connection(session);
        if (connection == null) {
            return;
        }
        FrameAssembler assembler = (FrameAssembler) session.getAttributes()
                .computeIfAbsent(ASSEMBLER, key -> new FrameAssembler(settings.maxFrameBytes()));
        String frame;
        try {
            frame = assembler.add(part.getPayload(), part.isLast());
        } catch (FrameAssembler.FrameTooLargeException tooLarge) {
            session.close(new CloseStatus(MESSAGE_TOO_BIG, tooLarge.getMessage()));
            return;
        }
        if (frame != null) {
            processor.onText(connection, frame);
        }
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) throws IOException {
        // OCPP-J sends text frames only (section 3.1.3)
        session.close(CloseStatus.NOT_ACCEPTABLE.withReason("OCPP-J uses text frames only"));
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        log.debug("Transport error on {}: {}", session.getId(), exception.toString());
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        ChargePointConnection connection = connection(session);
        if (connection == null) {
            return;
        }
        boolean alreadyClosed = connection.isClosed();
        gateway.onClosed(connection, connection.markClosed());
        registry.unregister(connection);
        if (alreadyClosed) {
            return; // the watchdog already recorded it
        }
        String reason = connection.closeReason() != null ? connection.closeReason()
                : "Connection closed (" + status.getCode() + (status.getReason() == null || status.getReason().isEmpty()
                ? "" : ": " + status.getReason()) + ")";
        recordDisconnection(connection, reason);
    }

    /**
     * The server ended the connection (watchdog): fail its pending calls, forget it and record the
     * disconnection at once, without waiting for a close handshake a dead peer may never complete.
     */
    public void onClosedByServer(ChargePointConnection connection, String reason) {
        if (connection.isClosed()) {
            return;
        }
        gateway.onClosed(connection, connection.markClosed());
        registry.unregister(connection);
        recordDisconnection(connection, reason);
    }

    private void recordDisconnection(ChargePointConnection connection, String reason) {
        commands.send(new MarkDisconnected(connection.chargePointId(), connection.connectionId(), reason),
                        OcppCallContext.connectionMetaData(connection.chargePointId()))
                .whenComplete((ignored, error) -> {
                    if (error != null) {
                        log.error("Could not record the disconnection of {}", connection.chargePointId(), error);
                    }
                });
    }

    private static ChargePointConnection connection(WebSocketSession session) {
        return (ChargePointConnection) session.getAttributes().get(CONNECTION);
    }

    private record SessionSender(WebSocketSession session) implements ChargePointConnection.FrameSender {

        @Override
        public void send(String frame) {
            try {
                session.sendMessage(new TextMessage(frame));
            } catch (IOException | IllegalStateException e) {
                log.debug("Could not send to {}: {}", session.getId(), e.toString());
            }
        }

        @Override
        public void close(int code, String reason) {
            try {
                // a close reason may hold at most 123 bytes (RFC 6455 section 5.5)
                session.close(new CloseStatus(code, reason == null || reason.length() <= 100 ? reason : reason.substring(0, 100)));
            } catch (IOException | IllegalStateException e) {
                log.debug("Could not close {}: {}", session.getId(), e.toString());
            }
        }
    }
}
