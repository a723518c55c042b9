package io.chargeledger.api.audit;

import io.chargeledger.api.axon.CorrelationMetadata;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every HTTP request an id: the client's {@code X-Request-Id} when it is a sane token, else a fresh UUID. The
 * id is echoed as the {@code X-Request-Id} response header (also on errors, so a client can quote it) and bound to
 * the thread for {@link CorrelationMetadata}, so that every command the request sends, and every event those
 * commands apply, records {@code httpRequestId} and {@code actor = user:<username>}.
 *
 * <p>Runs before Spring Security, so even a 401 carries the header; the user is looked up when a command is sent,
 * after authentication.
 */
@Component
@Order(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 10)
public class RequestIdFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Request-Id";

    /** Letters, digits and {@code . _ : -}, up to 128 characters: UUIDs, ULIDs and trace ids pass, nothing else. */
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String requestId = requestId(request.getHeader(HEADER));
        response.setHeader(HEADER, requestId);
        try (CorrelationMetadata.Binding ignored = CorrelationMetadata.bind(requestId, RequestIdFilter::currentUser)) {
            chain.doFilter(request, response);
        }
    }

    static String requestId(String offered) {
        return offered != null && SANE.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    }

    private static String currentUser() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return null;
        }
        return authentication.getName();
    }
}
