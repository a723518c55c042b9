package io.chargeledger.api.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code chargeledger.security.*}: see the configuration table in README.md. */
@ConfigurationProperties("chargeledger.security")
public record AccessProperties(
        @DefaultValue("1h") Duration tokenLifetime,
        @DefaultValue LoginThrottleProperties loginThrottle) {

    static final Duration MAX_TOKEN_LIFETIME = Duration.ofHours(1);

    public AccessProperties {
        if (tokenLifetime.isNegative() || tokenLifetime.isZero() || tokenLifetime.compareTo(MAX_TOKEN_LIFETIME) > 0
                || tokenLifetime.toSeconds() < 1) {
            throw new IllegalArgumentException("chargeledger.security.token-lifetime must be between 1s and 1h");
        }
    }

    /**
     * After {@code maxFailures} failed sign-ins in a row for one username (or {@code ipMaxFailures} from one client
     * address), each further attempt must wait {@code baseDelay} x 2^(failures - limit), at most {@code maxDelay};
     * until then even the right password is answered 429 with Retry-After. A success resets the username's count;
     * both counts are forgotten {@code resetAfter} after the last failure.
     */
    public record LoginThrottleProperties(
            @DefaultValue("5") int maxFailures,
            @DefaultValue("30") int ipMaxFailures,
            @DefaultValue("1s") Duration baseDelay,
            @DefaultValue("15m") Duration maxDelay,
            @DefaultValue("1h") Duration resetAfter) {

        public LoginThrottleProperties {
            if (maxFailures < 1 || ipMaxFailures < 1) {
                throw new IllegalArgumentException("chargeledger.security.login-throttle max failures must be >= 1");
            }
            if (baseDelay.isNegative() || baseDelay.isZero() || maxDelay.compareTo(baseDelay) < 0
                    || resetAfter.compareTo(maxDelay) < 0) {
                throw new IllegalArgumentException(
                        "chargeledger.security.login-throttle needs 0 < base-delay <= max-delay <= reset-after");
            }
        }
    }
}
