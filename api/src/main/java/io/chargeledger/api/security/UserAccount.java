package io.chargeledger.api.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** A person who signs in to the API or console. Only the password's hash is stored. */
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

    protected UserAccount() {
    }

    public UserAccount(String username, String passwordHash, List<String> roles) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.roles = String.join(",", roles);
        this.enabled = true;
        this.createdAt = Instant.now();
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

    public boolean enabled() {
        return enabled;
    }
}
