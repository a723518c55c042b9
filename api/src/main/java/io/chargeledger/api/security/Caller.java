package io.chargeledger.api.security;

import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Who sent the request and with which roles, for the ownership rules that URL rules cannot express (a driver's own
 * id tags and sessions). Works the same for HTTP Basic and Bearer tokens.
 */
public record Caller(String username, Set<String> roles) {

    private static final String ROLE_PREFIX = "ROLE_";

    public static Caller of(Authentication authentication) {
        Set<String> roles = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(authority -> authority != null && authority.startsWith(ROLE_PREFIX))
                .map(authority -> authority.substring(ROLE_PREFIX.length()))
                .collect(Collectors.toUnmodifiableSet());
        return new Caller(authentication.getName(), roles);
    }

    public boolean isAdmin() {
        return roles.contains(Roles.ADMIN);
    }

    /** Admins and auditors read every charger, tag and session; everyone else only their own tags and sessions. */
    public boolean readsEverything() {
        return isAdmin() || roles.contains(Roles.AUDITOR);
    }
}
