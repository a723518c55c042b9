package io.chargeledger.api.users;

import io.chargeledger.api.problems.InvalidRequestException;
import io.chargeledger.api.problems.NotFoundException;
import io.chargeledger.api.problems.ProblemException;
import io.chargeledger.api.security.Roles;
import io.chargeledger.api.security.UserAccount;
import io.chargeledger.api.security.UserAccountRepository;
import io.chargeledger.charger.api.Violation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, changes and removes accounts. Every change runs under one database-wide lock, so two admins demoting
 * each other at the same moment cannot leave the system without an enabled ADMIN: the last one is refused (409).
 */
@Service
public class UserAdministration {

    /** Lower-case, so that "Alice" and "alice" can never be two people; also what id tags name as their owner. */
    static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{0,63}");
    static final int MIN_PASSWORD_LENGTH = 12;
    /** bcrypt reads at most 72 bytes; a longer password would be silently cut, so it is refused instead. */
    static final int MAX_PASSWORD_BYTES = 72;
    /** pg_advisory_xact_lock key of account changes (any constant; only this class takes it). */
    private static final long ACCOUNT_CHANGES_LOCK = 0x43_4C_55_53_45_52_53L; // "CLUSERS"

    private final UserAccountRepository accounts;
    private final PasswordEncoder passwordEncoder;
    private final JdbcTemplate jdbc;

    public UserAdministration(UserAccountRepository accounts, PasswordEncoder passwordEncoder, JdbcTemplate jdbc) {
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.jdbc = jdbc;
    }

    @Transactional
    public UserView create(UserRequest request) {
        List<Violation> violations = new ArrayList<>();
        if (request.username() == null || request.username().isEmpty()) {
            violations.add(new Violation("username", "is required"));
        } else if (!USERNAME.matcher(request.username()).matches()) {
            violations.add(new Violation("username", "must be 1-64 characters: lower-case letters, digits, "
                    + "'.', '_', '@' or '-', beginning with a letter or digit"));
        }
        if (request.password() == null) {
            violations.add(new Violation("password", "is required"));
        } else {
            checkPassword(request.password(), violations);
        }
        List<String> roles = roles(request.roles(), violations);
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        lockAccountChanges();
        if (accounts.existsById(request.username())) {
            throw new ProblemException(HttpStatus.CONFLICT, "User already exists",
                    "An account named " + request.username() + " already exists");
        }
        UserAccount account = new UserAccount(request.username(), passwordEncoder.encode(request.password()), roles);
        if (Boolean.FALSE.equals(request.enabled())) {
            account.enabled(false);
        }
        return UserView.of(accounts.save(account));
    }

    @Transactional(readOnly = true)
    public UserPage list(int page, int size) {
        Page<UserAccount> found = accounts.findAll(PageRequest.of(page, size, Sort.by("username")));
        return new UserPage(found.map(UserView::of).getContent(), page, size, found.getTotalElements(),
                found.getTotalPages());
    }

    @Transactional(readOnly = true)
    public UserView get(String username) {
        return UserView.of(find(username));
    }

    /** Replaces roles (required), and the password and enabled state when given. */
    @Transactional
    public UserView update(String username, UserRequest request) {
        List<Violation> violations = new ArrayList<>();
        if (request.username() != null && !request.username().equals(username)) {
            violations.add(new Violation("username", "must match the path (an account cannot be renamed)"));
        }
        if (request.password() != null) {
            checkPassword(request.password(), violations);
        }
        List<String> roles = roles(request.roles(), violations);
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        lockAccountChanges();
        UserAccount account = find(username);
        boolean enabled = request.enabled() == null ? account.enabled() : request.enabled();
        if (account.enabled() && account.hasRole(Roles.ADMIN) && (!roles.contains(Roles.ADMIN) || !enabled)) {
            requireAnotherAdmin(username, "demote or disable");
        }
        account.assignRoles(roles);
        account.enabled(enabled);
        if (request.password() != null) {
            account.changePassword(passwordEncoder.encode(request.password()));
            // an admin setting a new password also lifts a sign-in delay
            jdbc.update("update user_account set failed_logins = 0, last_failed_login_at = null where username = ?",
                    username);
        }
        return UserView.of(accounts.save(account));
    }

    @Transactional
    public void delete(String username) {
        lockAccountChanges();
        UserAccount account = find(username);
        if (account.enabled() && account.hasRole(Roles.ADMIN)) {
            requireAnotherAdmin(username, "delete");
        }
        accounts.delete(account);
    }

    private void requireAnotherAdmin(String username, String action) {
        boolean another = accounts.findAll().stream().anyMatch(other -> !other.username().equals(username)
                && other.enabled() && other.hasRole(Roles.ADMIN));
        if (!another) {
            throw new ProblemException(HttpStatus.CONFLICT, "Last administrator",
                    "Cannot " + action + " " + username + ": it is the last enabled account with the ADMIN role; "
                            + "give another account the ADMIN role first");
        }
    }

    private void lockAccountChanges() {
        jdbc.queryForList("select pg_advisory_xact_lock(?)", ACCOUNT_CHANGES_LOCK);
    }

    private UserAccount find(String username) {
        return accounts.findById(username).orElseThrow(() -> new NotFoundException("No user " + username));
    }

    private static void checkPassword(String password, List<Violation> violations) {
        if (password.codePointCount(0, password.length()) < MIN_PASSWORD_LENGTH) {
            violations.add(new Violation("password", "must be at least " + MIN_PASSWORD_LENGTH + " characters"));
        } else if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            violations.add(new Violation("password", "must be at most " + MAX_PASSWORD_BYTES + " bytes in UTF-8"));
        } else if (password.isBlank()) {
            violations.add(new Violation("password", "must not be only spaces"));
        }
    }

    private static List<String> roles(List<String> requested, List<Violation> violations) {
        if (requested == null || requested.isEmpty()) {
            violations.add(new Violation("roles", "is required: one or more of " + Roles.ALL));
            return List.of();
        }
        Set<String> roles = new LinkedHashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            String text = requested.get(i);
            int index = i;
            Roles.parse(text).ifPresentOrElse(roles::add, () -> violations.add(new Violation("roles[" + index + "]",
                    "must be one of " + Roles.ALL)));
        }
        return Roles.ALL.stream().filter(roles::contains).toList();
    }
}
