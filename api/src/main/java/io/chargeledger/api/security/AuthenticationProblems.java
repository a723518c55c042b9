package io.chargeledger.api.security;

import io.chargeledger.api.problems.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.AccountStatusException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/**
 * The security filters' answers, as application/problem+json like every other error: 401 (with WWW-Authenticate)
 * for missing or refused credentials and tokens, 429 (with Retry-After) for throttled sign-ins, 403 for a signed-in
 * caller whose roles do not allow the request.
 */
@Component
public class AuthenticationProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    static final String REALM = "ChargeLedger";
    private static final String BASIC_CHALLENGE = "Basic realm=\"" + REALM + "\"";
    private static final String BEARER_CHALLENGE = "Bearer realm=\"" + REALM + "\"";

    private final ProblemWriter problems;

    public AuthenticationProblems(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        if (exception instanceof LoginThrottledException throttled) {
            throttled(request, response, throttled);
            return;
        }
        if (exception instanceof OAuth2AuthenticationException) {
            boolean expired = exception.getMessage() != null && exception.getMessage().contains("expired");
            String detail = expired ? "The access token has expired; request a new one at POST /api/auth/token"
                    : exception instanceof InvalidBearerTokenException invalid && invalid.getMessage() != null
                    && invalid.getMessage().startsWith("The access token is no longer valid") ? invalid.getMessage()
                    : "The access token is invalid";
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, BEARER_CHALLENGE
                    + ", error=\"invalid_token\", error_description=\"" + detail.replace("\"", "'") + "\"");
            problems.write(response, HttpStatus.UNAUTHORIZED, "Invalid token", detail, request.getRequestURI());
            return;
        }
        // Basic first: scripts and tools that know only Basic read the first challenge
        response.addHeader(HttpHeaders.WWW_AUTHENTICATE, BASIC_CHALLENGE);
        response.addHeader(HttpHeaders.WWW_AUTHENTICATE, BEARER_CHALLENGE);
        if (exception instanceof BadCredentialsException || exception instanceof AccountStatusException) {
            problems.write(response, HttpStatus.UNAUTHORIZED, "Invalid credentials",
                    "The username or password is wrong, or the account is disabled", request.getRequestURI());
        } else {
            problems.write(response, HttpStatus.UNAUTHORIZED, "Authentication required",
                    "Send a bearer token (POST /api/auth/token) or HTTP Basic credentials to use this endpoint",
                    request.getRequestURI());
        }
    }

    /** 429 for a sign-in attempt made too soon after repeated failures. */
    public void throttled(HttpServletRequest request, HttpServletResponse response, LoginThrottledException exception)
            throws IOException {
        long seconds = exception.retryAfterSeconds();
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        problems.write(response, HttpStatus.TOO_MANY_REQUESTS, "Too many failed sign-ins",
                "Too many failed sign-ins for this account or from this address; try again in " + seconds + " s",
                request.getRequestURI());
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
            throws IOException {
        problems.write(response, HttpStatus.FORBIDDEN, "Forbidden", "Your role does not allow this operation",
                request.getRequestURI());
    }
}
