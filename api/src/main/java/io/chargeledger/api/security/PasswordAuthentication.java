package io.chargeledger.api.security;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.springframework.security.authentication.AccountStatusException;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Username and password sign-in against user_account (bcrypt), throttled by {@link LoginThrottle}. HTTP Basic and
 * POST /api/auth/token both go through {@link #manager()}, so they share one failure count.
 */
@Component
public class PasswordAuthentication {

    private final ProviderManager manager;

    public PasswordAuthentication(AccountUserDetailsService users, PasswordEncoder passwordEncoder,
                                  LoginThrottle throttle) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(passwordEncoder);
        this.manager = new ProviderManager(new ThrottledProvider(passwords, throttle));
    }

    public AuthenticationManager manager() {
        return manager;
    }

    /** Signs in with these credentials from this request's client address; throws AuthenticationException if refused. */
    public Authentication authenticate(String username, String password, HttpServletRequest request) {
        UsernamePasswordAuthenticationToken attempt = UsernamePasswordAuthenticationToken.unauthenticated(username,
                password);
        attempt.setDetails(new WebAuthenticationDetails(request));
        return manager.authenticate(attempt);
    }

    private record ThrottledProvider(AuthenticationProvider passwords, LoginThrottle throttle)
            implements AuthenticationProvider {

        @Override
        public Authentication authenticate(Authentication attempt) {
            String username = attempt.getName();
            String address = attempt.getDetails() instanceof WebAuthenticationDetails details
                    ? details.getRemoteAddress() : null;
            Duration wait = throttle.waitBeforeAttempt(username, address);
            if (!wait.isZero()) {
                throw new LoginThrottledException(wait);
            }
            Authentication result;
            try {
                result = passwords.authenticate(attempt);
            } catch (BadCredentialsException | AccountStatusException refused) {
                throttle.failed(username, address);
                throw refused;
            }
            // other refusals (e.g. the database is unreachable) are not the caller's fault and are not counted
            throttle.succeeded(username);
            return result;
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return passwords.supports(authentication);
        }
    }
}
