package io.chargeledger.api.security;

import io.chargeledger.api.problems.InvalidRequestException;
import io.chargeledger.charger.api.Violation;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AccountStatusException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sign-in for clients that prefer tokens to sending the password with every request (the console, apps):
 * {@code POST /api/auth/token} trades a username and password for a signed access token valid at most one hour.
 */
@RestController
@RequestMapping("/api/auth")
public class AuthController {

    private final PasswordAuthentication passwords;
    private final UserAccountRepository accounts;
    private final AccessTokens tokens;

    public AuthController(PasswordAuthentication passwords, UserAccountRepository accounts, AccessTokens tokens) {
        this.passwords = passwords;
        this.accounts = accounts;
        this.tokens = tokens;
    }

    /** 200 {access_token, token_type, expires_in, roles}; 400 fields missing; 401 refused; 429 throttled. */
    @PostMapping("/token")
    public ResponseEntity<Object> token(@RequestBody TokenRequest request, HttpServletRequest http) {
        List<Violation> violations = new ArrayList<>();
        if (request.username() == null || request.username().isBlank()) {
            violations.add(new Violation("username", "is required"));
        }
        if (request.password() == null || request.password().isEmpty()) {
            violations.add(new Violation("password", "is required"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        Authentication signedIn;
        try {
            signedIn = passwords.authenticate(request.username(), request.password(), http);
        } catch (LoginThrottledException throttled) {
            ProblemDetail problem = problem(HttpStatus.TOO_MANY_REQUESTS, "Too many failed sign-ins",
                    "Too many failed sign-ins for this account or from this address; try again in "
                            + throttled.retryAfterSeconds() + " s", http);
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(throttled.retryAfterSeconds())).body(problem);
        } catch (BadCredentialsException | AccountStatusException refused) {
            return invalidCredentials(http);
        }
        Optional<UserAccount> found = accounts.findById(signedIn.getName()); // removed meanwhile: refused alike
        if (found.isEmpty()) {
            return invalidCredentials(http);
        }
        UserAccount account = found.get();
        AccessTokens.IssuedToken issued = tokens.issue(account, account.roles());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", issued.accessToken());
        body.put("token_type", "Bearer");
        body.put("expires_in", issued.expiresInSeconds());
        body.put("roles", issued.roles());
        return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").header("Pragma", "no-cache")
                .body(body);
    }

    /** Who the credentials belong to and which roles they carry (for clients deciding what to show). */
    @GetMapping("/me")
    public Map<String, Object> me(Authentication authentication) {
        Caller caller = Caller.of(authentication);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", caller.username());
        body.put("roles", Roles.ALL.stream().filter(caller.roles()::contains).toList());
        body.put("authentication", authentication instanceof JwtAuthenticationToken ? "Bearer" : "Basic");
        return body;
    }

    private static ResponseEntity<Object> invalidCredentials(HttpServletRequest http) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(problem(HttpStatus.UNAUTHORIZED,
                "Invalid credentials", "The username or password is wrong, or the account is disabled", http));
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail, HttpServletRequest http) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setInstance(java.net.URI.create(http.getRequestURI()));
        return problem;
    }

    public record TokenRequest(String username, String password) {
    }
}
