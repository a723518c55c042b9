package io.chargeledger.api.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AccessProperties.class)
public class SecurityConfiguration {

    private static final String LIVE_UPDATES = "/ws/updates";

    @Bean
    PasswordEncoder passwordEncoder() {
        // bcrypt, with the algorithm recorded in each hash so it can be upgraded later
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /**
     * Spring Security would make every filter of every request an observation of its own (a dozen timers and their
     * tags per request). Without them a request costs less CPU (measured on a warm server, sequential requests:
     * {@code GET /api/admin/projections} 0.47-0.49 instead of 0.55-0.58 ms, a session list 0.57-0.58 instead of
     * 0.59-0.65 ms). Requests are still observed as a whole ({@code http.server.requests}).
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Chargers authenticate in the OCPP handshake itself (their Basic credentials are chargePointId and
     * authorization key, not user accounts), so the user-facing filters must not see /ocpp at all.
     */
    @Bean
    @Order(1)
    SecurityFilterChain ocppFilterChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/ocpp/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.disable())
                .anonymous(anonymous -> anonymous.disable());
        return http.build();
    }

    /**
     * Everything but /ocpp. Callers sign in with a bearer token from POST /api/auth/token or with HTTP Basic; both
     * share one throttled password check. Role rules per URL are below (first match wins); the rules that depend on
     * who owns an id tag or session are in IdTagController and SessionController.
     */
    @Bean
    @Order(2)
    SecurityFilterChain securityFilterChain(HttpSecurity http, AuthenticationProblems problems,
                                            PasswordAuthentication passwords, AccessTokens tokens,
                                            UserAccountRepository accounts) throws Exception {
        http
                .csrf(csrf -> csrf.disable()) // stateless API: no cookies, no session to ride on
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authenticationManager(passwords.manager())
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        // the API description and its UI are public; the endpoints they describe are not
                        .requestMatchers("/swagger-ui/**", "/v3/api-docs/**").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/auth/token").permitAll()
                        .requestMatchers("/api/auth/**").authenticated()
                        // chargers: every role sees the list and a charger's availability; the rest is for admins
                        .requestMatchers(HttpMethod.GET, "/api/chargers", "/api/chargers/*")
                        .hasAnyRole(Roles.ADMIN, Roles.AUDITOR, Roles.DRIVER)
                        .requestMatchers(HttpMethod.GET, "/api/chargers/**").hasAnyRole(Roles.ADMIN, Roles.AUDITOR)
                        .requestMatchers("/api/chargers/**").hasRole(Roles.ADMIN)
                        // id tags: drivers read their own (IdTagController hides the others), admins write
                        .requestMatchers(HttpMethod.GET, "/api/id-tags", "/api/id-tags/*")
                        .hasAnyRole(Roles.ADMIN, Roles.AUDITOR, Roles.DRIVER)
                        .requestMatchers(HttpMethod.GET, "/api/id-tags/**").hasAnyRole(Roles.ADMIN, Roles.AUDITOR)
                        .requestMatchers("/api/id-tags/**").hasRole(Roles.ADMIN)
                        // sessions: drivers read, start and stop their own (SessionController checks the tag's owner)
                        .requestMatchers(HttpMethod.GET, "/api/sessions", "/api/sessions/*",
                                "/api/sessions/*/meter-values").hasAnyRole(Roles.ADMIN, Roles.AUDITOR, Roles.DRIVER)
                        .requestMatchers(HttpMethod.GET, "/api/sessions/**").hasAnyRole(Roles.ADMIN, Roles.AUDITOR)
                        .requestMatchers(HttpMethod.POST, "/api/sessions", "/api/sessions/*/stop")
                        .hasAnyRole(Roles.ADMIN, Roles.DRIVER)
                        .requestMatchers("/api/sessions/**").hasRole(Roles.ADMIN)
                        // event history: auditors and admins read it
                        .requestMatchers(HttpMethod.GET, "/api/audit/**").hasAnyRole(Roles.ADMIN, Roles.AUDITOR)
                        .requestMatchers("/api/audit/**").hasRole(Roles.ADMIN)
                        // projections: auditors see their state, only admins replay
                        .requestMatchers(HttpMethod.GET, "/api/admin/projections", "/api/admin/projections/**")
                        .hasAnyRole(Roles.ADMIN, Roles.AUDITOR)
                        .requestMatchers("/api/admin/**").hasRole(Roles.ADMIN)
                        .requestMatchers("/api/users/**").hasRole(Roles.ADMIN)
                        // anything else under /api: auditors read, admins do
                        .requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole(Roles.ADMIN, Roles.AUDITOR)
                        .requestMatchers("/api/**").hasRole(Roles.ADMIN)
                        .requestMatchers("/actuator/**").hasRole(Roles.ADMIN)
                        // the console's live feed: any signed-in role (LiveUpdateHub filters what each may see)
                        .requestMatchers(LIVE_UPDATES).authenticated()
                        // the console itself (static files under /) is public; everything it shows comes from /api
                        .anyRequest().permitAll())
                .oauth2ResourceServer(oauth -> oauth
                        .bearerTokenResolver(bearerTokenResolver())
                        // its own manager: the one above holds only the (throttled) password check
                        .jwt(jwt -> jwt.authenticationManager(bearerTokens(tokens, accounts)))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .httpBasic(basic -> basic.realmName(AuthenticationProblems.REALM).authenticationEntryPoint(problems))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .headers(Customizer.withDefaults());
        return http.build();
    }

    /**
     * Browsers cannot set headers on a WebSocket handshake, so the console's live feed (and only it) also takes the
     * token from the {@code access_token} query parameter; everywhere else a token in a URL is not looked at.
     */
    private static BearerTokenResolver bearerTokenResolver() {
        DefaultBearerTokenResolver headerOnly = new DefaultBearerTokenResolver();
        DefaultBearerTokenResolver headerOrQuery = new DefaultBearerTokenResolver();
        headerOrQuery.setAllowUriQueryParameter(true);
        return request -> LIVE_UPDATES.equals(request.getRequestURI().substring(request.getContextPath().length()))
                ? headerOrQuery.resolve(request) : headerOnly.resolve(request);
    }

    /** Verifies a bearer token (signature, issuer, lifetime) and then checks it against the account it names. */
    private static AuthenticationManager bearerTokens(AccessTokens tokens, UserAccountRepository accounts) {
        JwtAuthenticationProvider provider = new JwtAuthenticationProvider(tokens.decoder());
        provider.setJwtAuthenticationConverter(new AccountTokenConverter(accounts));
        return new ProviderManager(provider);
    }
}
