package io.chargeledger.api.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import io.chargeledger.api.security.ServerKeys.SigningKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

/**
 * Issues and verifies access tokens: JWTs signed with HMAC-SHA256 under the server's own key ({@link ServerKeys}),
 * carrying {@code sub} (username), {@code roles}, {@code iat}, {@code exp} (at most one hour later), {@code iss},
 * {@code jti} and the account's security stamp ({@code stamp}, so that a new password revokes older tokens).
 */
@Component
public class AccessTokens {

    public static final String ISSUER = "chargeledger";
    public static final String ROLES_CLAIM = "roles";
    public static final String STAMP_CLAIM = "stamp";
    /** Nodes' clocks may differ a little; an expired token is refused at most this long after its exp. */
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(10);

    private final ServerKeys keys;
    private final Duration lifetime;
    private final Clock clock;
    private volatile JwtEncoder encoder;
    private volatile JwtDecoder decoder;

    public AccessTokens(ServerKeys keys, AccessProperties properties) {
        this.keys = keys;
        this.lifetime = properties.tokenLifetime();
        this.clock = Clock.systemUTC();
    }

    public IssuedToken issue(UserAccount account, List<String> roles) {
        SigningKey key = keys.jwtSigningKey();
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .subject(account.username())
                .issuedAt(now)
                .expiresAt(now.plus(lifetime))
                .id(UUID.randomUUID().toString())
                .claim(ROLES_CLAIM, List.copyOf(roles))
                .claim(STAMP_CLAIM, account.securityStamp())
                .build();
        JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).keyId(key.keyId()).type("JWT").build();
        Jwt jwt = encoder(key).encode(JwtEncoderParameters.from(header, claims));
        return new IssuedToken(jwt.getTokenValue(), lifetime.toSeconds(), List.copyOf(roles));
    }

    /** Verifies signature, issuer and lifetime; the account checks follow in {@link AccountTokenConverter}. */
    public JwtDecoder decoder() {
        // resolved on first use, so that no database access happens while the security filters are being built
        return token -> decoder(keys.jwtSigningKey()).decode(token);
    }

    private JwtEncoder encoder(SigningKey key) {
        JwtEncoder current = encoder;
        if (current == null) {
            OctetSequenceKey jwk = new OctetSequenceKey.Builder(key.secret())
                    .keyID(key.keyId()).algorithm(JWSAlgorithm.HS256).build();
            current = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(jwk)));
            encoder = current;
        }
        return current;
    }

    private JwtDecoder decoder(SigningKey key) {
        JwtDecoder current = decoder;
        if (current == null) {
            NimbusJwtDecoder nimbus = NimbusJwtDecoder.withSecretKey(key.secret()).macAlgorithm(MacAlgorithm.HS256)
                    .build();
            nimbus.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                    new JwtTimestampValidator(CLOCK_SKEW),
                    new JwtIssuerValidator(ISSUER),
                    new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull),
                    new JwtClaimValidator<String>(JwtClaimNames.SUB, subject -> subject != null && !subject.isBlank())));
            current = nimbus;
            decoder = current;
        }
        return current;
    }

    /** What POST /api/auth/token answers (besides token_type "Bearer"). */
    public record IssuedToken(String accessToken, long expiresInSeconds, List<String> roles) {
    }
}
