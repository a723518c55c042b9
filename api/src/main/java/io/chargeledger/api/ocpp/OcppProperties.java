package io.chargeledger.api.ocpp;

import io.chargeledger.ocpp.server.OcppSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code chargeledger.ocpp.*}: see the configuration table in README.md. */
@ConfigurationProperties("chargeledger.ocpp")
public record OcppProperties(
        @DefaultValue("") String nodeId,
        @DefaultValue("30s") Duration heartbeatInterval,
        @DefaultValue("60s") Duration pendingRetryInterval,
        @DefaultValue("30s") Duration watchdogGrace,
        @DefaultValue("5m") Duration livenessEventPeriod,
        @DefaultValue("10s") Duration livenessFlushInterval,
        @DefaultValue("30s") Duration callTimeout,
        @DefaultValue("65536") int maxFrameBytes,
        @DefaultValue("false") boolean autoRegisterUnknown,
        @DefaultValue("64") int maxConcurrentHandshakes) {

    OcppSettings settings() {
        return new OcppSettings(nodeId.isBlank() ? hostName() : nodeId, heartbeatInterval, pendingRetryInterval,
                watchdogGrace, livenessEventPeriod, livenessFlushInterval, callTimeout, maxFrameBytes,
                autoRegisterUnknown, maxConcurrentHandshakes);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "node-1";
        }
    }
}
