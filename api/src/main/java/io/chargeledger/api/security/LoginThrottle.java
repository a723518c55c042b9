package io.chargeledger.api.security;

import io.chargeledger.api.security.AccessProperties.LoginThrottleProperties;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing, for HTTP Basic and POST /api/auth/token alike. Failures are counted per username and
 * per client address; past a limit each further attempt must wait exponentially longer (see
 * {@link LoginThrottleProperties}), and until then it is refused before the password is even checked, so the right
 * password is refused too (429 with Retry-After). Other usernames and addresses are not affected.
 * <p>
 * Counts of existing accounts live in user_account (every node and a restart see them); counts of unknown usernames
 * and of client addresses are kept in this node's memory, bounded. Unknown and known usernames are throttled alike, so
 * the answers do not tell which accounts exist.
 */
@Component
public class LoginThrottle {

    private static final int MAX_REMEMBERED = 50_000;

    private final JdbcTemplate jdbc;
    private final LoginThrottleProperties settings;
    private final Clock clock;
    private final Map<String, Failures> unknownUsers = new ConcurrentHashMap<>();
    private final Map<String, Failures> addresses = new ConcurrentHashMap<>();

    public LoginThrottle(JdbcTemplate jdbc, AccessProperties properties) {
        this.jdbc = jdbc;
        this.settings = properties.loginThrottle();
        this.clock = Clock.systemUTC();
    }

    /** How long this attempt must wait before it may be tried; zero when it may go ahead now. */
    public Duration waitBeforeAttempt(String username, String address) {
        Instant now = clock.instant();
        Duration forUser = remaining(userFailures(username), settings.maxFailures(), now);
        Duration forAddress = address == null ? Duration.ZERO
                : remaining(addresses.get(address), settings.ipMaxFailures(), now);
        return forUser.compareTo(forAddress) >= 0 ? forUser : forAddress;
    }

    public void failed(String username, String address) {
        Instant now = clock.instant();
        int updated = jdbc.update("""
                update user_account
                   set failed_logins = case when last_failed_login_at is null or last_failed_login_at < ? then 1
                                            else failed_logins + 1 end,
                       last_failed_login_at = ?
                 where username = ?""",
                Timestamp.from(now.minus(settings.resetAfter())), Timestamp.from(now), username);
        if (updated == 0) {
            count(unknownUsers, username, now);
        }
        if (address != null) {
            count(addresses, address, now);
        }
    }

    /** A successful sign-in clears the username's failures (never the address's: one good account must not unlock it). */
    public void succeeded(String username) {
        jdbc.update("update user_account set failed_logins = 0, last_failed_login_at = null "
                + "where username = ? and failed_logins <> 0", username);
        unknownUsers.remove(username);
    }

    private Failures userFailures(String username) {
        List<Failures> stored = jdbc.query(
                "select failed_logins, last_failed_login_at from user_account where username = ?",
                (row, index) -> {
                    Timestamp last = row.getTimestamp("last_failed_login_at");
                    return last == null ? null : new Failures(row.getInt("failed_logins"), last.toInstant());
                }, username);
        if (stored.isEmpty()) {
            return unknownUsers.get(username);
        }
        return stored.get(0);
    }

    private Duration remaining(Failures failures, int limit, Instant now) {
        if (failures == null || failures.count() < limit || stale(failures, now)) {
            return Duration.ZERO;
        }
        Instant allowedFrom = failures.last().plus(delay(failures.count() - limit));
        return allowedFrom.isAfter(now) ? Duration.between(now, allowedFrom) : Duration.ZERO;
    }

    /** baseDelay x 2^excess, at most maxDelay. */
    Duration delay(int excess) {
        Duration delay = settings.baseDelay();
        for (int i = 0; i < excess && delay.compareTo(settings.maxDelay()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(settings.maxDelay()) > 0 ? settings.maxDelay() : delay;
    }

    private boolean stale(Failures failures, Instant now) {
        return failures.last().isBefore(now.minus(settings.resetAfter()));
    }

    private void count(Map<String, Failures> counts, String key, Instant now) {
        if (counts.size() >= MAX_REMEMBERED) {
            counts.values().removeIf(failures -> stale(failures, now));
            if (counts.size() >= MAX_REMEMBERED) {
                // flooded with distinct names or addresses: forget the oldest half rather than grow without bound
                Instant median = counts.values().stream().map(Failures::last).sorted()
                        .skip(counts.size() / 2).findFirst().orElse(now);
                counts.values().removeIf(failures -> failures.last().isBefore(median));
            }
        }
        counts.compute(key, (ignored, old) -> old == null || stale(old, now)
                ? new Failures(1, now) : new Failures(old.count() + 1, now));
    }

    private record Failures(int count, Instant last) {
    }
}
