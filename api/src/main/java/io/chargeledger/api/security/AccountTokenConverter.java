package io.chargeledger.api.security;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Turns a verified token into the caller's authentication. The account must still exist, be enabled and carry the
 * same security stamp (a new password revokes older tokens); the caller gets the roles in the token's {@code roles}
 * claim that the account still holds, so a token never grants more than it says and a demotion takes effect at once.
 */
class AccountTokenConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private final UserAccountRepository accounts;

    AccountTokenConverter(UserAccountRepository accounts) {
        this.accounts = accounts;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Optional<UserAccount> found = accounts.findById(jwt.getSubject());
        UserAccount account = found.filter(UserAccount::enabled)
                .filter(candidate -> candidate.securityStamp().equals(jwt.getClaimAsString(AccessTokens.STAMP_CLAIM)))
                .orElseThrow(() -> new InvalidBearerTokenException(
                        "The access token is no longer valid (the account was changed, disabled or removed)"));
        List<String> claimed = Optional.ofNullable(jwt.getClaimAsStringList(AccessTokens.ROLES_CLAIM)).orElse(List.of());
        Collection<GrantedAuthority> authorities = claimed.stream()
                .filter(account::hasRole)
                .distinct()
                .<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role))
                .toList();
        return new JwtAuthenticationToken(jwt, authorities, account.username());
    }
}
