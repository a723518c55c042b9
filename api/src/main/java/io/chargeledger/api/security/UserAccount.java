package io.chargeledger.api.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * A person who signs in to the API or console. Only the password's hash is stored. The security stamp changes with
 * the password; access tokens carry it, so changing a password revokes every token issued before. Failed sign-ins
 * (columns failed_logins, last_failed_login_at) belong to {@link LoginThrottle} and are not mapped here.
 */
@Entity
@Table(name = "user_account")
public class UserAccount {

    @Id
    @Column(length = 64)
    private String username;
    @Column(name = "password_hash", nullable = false)
    private String passwordHash;
    /** Comma-separated role names, e.g. "ADMIN". */
    @Column(nullable = false)
    private String roles;
    private boolean enabled;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Column(name = "security_stamp", length = 36, nullable = false)
    private String securityStamp;

    protected UserAccount() {
    }

    public UserAccount(String username, String passwordHash, List<String> roles) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.roles = String.join(",", roles);
        this.enabled = true;
        this.createdAt = now();
        this.updatedAt = createdAt;
        this.securityStamp = UUID.randomUUID().toString();
    }

    /** PostgreSQL keeps microseconds: what is returned before and after a reload must be the same instant. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    public String username() {
        return username;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public List<String> roles() {
        return roles.isBlank() ? List.of() : Arrays.asList(roles.split(","));
    }

    public boolean hasRole(String role) {
        return roles().contains(role);
    }

    public boolean enabled() {
        return enabled;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public String securityStamp() {
        return securityStamp;
    }

    /** A new password also gets a new security stamp: tokens issued before no longer authenticate. */
    public void changePassword(String newPasswordHash) {
        this.passwordHash = newPasswordHash;
        this.securityStamp = UUID.randomUUID().toString();
        this.updatedAt = now();
    }

    public void assignRoles(Collection<String> newRoles) {
        this.roles = String.join(",", newRoles);
        this.updatedAt = now();
    }

    public void enabled(boolean enabled) {
        this.enabled = enabled;
        this.updatedAt = now();
    }
}
