package io.chargeledger.ocpp.server;

import io.chargeledger.charger.api.ChargerAlreadyRegistered;
import io.chargeledger.charger.api.ChargerNotRegistered;
import io.chargeledger.charger.api.ChargerRules;
import io.chargeledger.charger.api.ChargerSecurity;
import io.chargeledger.charger.api.DescribeChargerSecurity;
import io.chargeledger.charger.api.RegisterUnknownCharger;
import io.chargeledger.ocpp.handlers.OcppCallContext;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Admits a charger at the WebSocket handshake, per the OCPP 1.6 security whitepaper: unknown or
 * decommissioned identities get 404; profiles 1 and 2 need HTTP Basic with username = chargePointId and
 * password = the charger's authorization key (401 otherwise); profile 2 needs TLS (403 over plain ws).
 * The charger's security facts come from its aggregate, so a charger registered a moment ago can connect.
 */
public class OcppHandshakeInterceptor implements HandshakeInterceptor {

    static final String CHARGE_POINT_ID = "ocpp.chargePointId";
    static final String SECURITY_PROFILE = "ocpp.securityProfile";
    static final String REMOTE_ADDRESS = "ocpp.remoteAddress";

    private static final Logger log = LoggerFactory.getLogger(OcppHandshakeInterceptor.class);

    private final CommandGateway commands;
    private final CredentialCheck credentials;
    private final OcppSettings settings;
    private final HandshakeAdmission admission;

    public OcppHandshakeInterceptor(CommandGateway commands, CredentialCheck credentials, OcppSettings settings,
                                    HandshakeAdmission admission) {
        this.commands = commands;
        this.credentials = credentials;
        this.settings = settings;
        this.admission = admission;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) {
        if (!admission.tryAdmit()) {
            log.debug("Refused OCPP handshake of {} with 503: too many handshakes in progress", request.getURI().getPath());
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(HandshakeAdmission.retryAfterSeconds()));
            response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
            return false;
        }
        try {
            return admit(request, response, attributes);
        } finally {
            admission.release();
        }
    }

    private boolean admit(ServerHttpRequest request, ServerHttpResponse response, Map<String, Object> attributes) {
        String chargePointId = chargePointId(request);
        String remoteAddress = remoteAddress(request);
        if (chargePointId == null || !ChargerRules.checkChargePointId(chargePointId).isEmpty()) {
            return refuse(response, HttpStatus.NOT_FOUND, chargePointId, remoteAddress, "not a valid charge point identity");
        }
        ChargerSecurity security;
        try {
            security = describe(chargePointId, remoteAddress);
        } catch (AggregateNotFoundException | ChargerNotRegistered unknown) {
            return refuse(response, HttpStatus.NOT_FOUND, chargePointId, remoteAddress, "not registered");
        } catch (RuntimeException storeTrouble) {
            log.error("Could not look up charger {} at its handshake", chargePointId, storeTrouble);
            return refuse(response, HttpStatus.SERVICE_UNAVAILABLE, chargePointId, remoteAddress, "lookup failed");
        }
        if (security.decommissioned()) {
            return refuse(response, HttpStatus.NOT_FOUND, chargePointId, remoteAddress, "decommissioned");
        }
        if (security.securityProfile() >= 1) {
            String[] basic = basicCredentials(request);
            if (basic == null || !chargePointId.equals(basic[0])
                    || !credentials.matches(chargePointId, basic[1], security.authorizationKeyHash())) {
                response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"OCPP\", charset=\"UTF-8\"");
                return refuse(response, HttpStatus.UNAUTHORIZED, chargePointId, remoteAddress,
                        basic == null ? "no credentials" : "wrong credentials");
            }
            if (security.securityProfile() == 2 && !isSecure(request)) {
                return refuse(response, HttpStatus.FORBIDDEN, chargePointId, remoteAddress,
                        "security profile 2 requires TLS (wss://)");
            }
        }
        attributes.put(CHARGE_POINT_ID, chargePointId);
        attributes.put(SECURITY_PROFILE, security.securityProfile());
        attributes.put(REMOTE_ADDRESS, remoteAddress);
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Exception exception) {
    }

    private ChargerSecurity describe(String chargePointId, String remoteAddress) {
        try {
            return commands.sendAndWait(new DescribeChargerSecurity(chargePointId));
        } catch (AggregateNotFoundException | ChargerNotRegistered unknown) {
            if (!settings.autoRegisterUnknown()) {
                throw unknown;
            }
            try {
                commands.sendAndWait(new RegisterUnknownCharger(chargePointId, remoteAddress),
                        OcppCallContext.connectionMetaData(chargePointId));
                log.warn("Auto-registered unknown charger {} from {}; it stays Pending until an admin accepts it",
                        chargePointId, remoteAddress);
            } catch (ChargerAlreadyRegistered raced) {
                // registered by a concurrent handshake: fine
            }
            return commands.sendAndWait(new DescribeChargerSecurity(chargePointId));
        }
    }

    private static boolean refuse(ServerHttpResponse response, HttpStatus status, String chargePointId,
                                  String remoteAddress, String why) {
        log.info("Refused OCPP handshake of '{}' from {} with {}: {}", chargePointId, remoteAddress, status.value(), why);
        response.setStatusCode(status);
        return false;
    }

    /** The last path segment of /ocpp/{chargePointId}, percent-decoded. */
    static String chargePointId(ServerHttpRequest request) {
        String path = request.getURI().getRawPath();
        int slash = path.lastIndexOf('/');
        if (slash < 0 || slash == path.length() - 1) {
            return null;
        }
        try {
            return URLDecoder.decode(path.substring(slash + 1).replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEncoding) {
            return null;
        }
    }

    private static String[] basicCredentials(ServerHttpRequest request) {
        List<String> values = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (values == null || values.isEmpty() || !values.get(0).regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(values.get(0).substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private static boolean isSecure(ServerHttpRequest request) {
        return request instanceof ServletServerHttpRequest servlet && servlet.getServletRequest().isSecure();
    }

    private static String remoteAddress(ServerHttpRequest request) {
        InetSocketAddress address = request.getRemoteAddress();
        return address == null || address.getAddress() == null ? null : address.getAddress().getHostAddress();
    }
}
