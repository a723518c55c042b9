package io.chargeledger.api.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes sure an administrator exists before the first request: when no account holds the ADMIN role (a new
 * database), the {@code admin} account is created. Its password comes from {@code chargeledger.admin.password};
 * without one, a random password is generated, stored hashed and printed once. Existing accounts are never
 * overwritten, and an {@code admin} account that administrators removed (after creating others) is not brought back.
 */
@Component
public class AdminAccountBootstrap implements InitializingBean {

    public static final String ADMIN = "admin";
    private static final Logger log = LoggerFactory.getLogger(AdminAccountBootstrap.class);

    private final UserAccountRepository accounts;
    private final PasswordEncoder passwordEncoder;
    private final TransactionTemplate transaction;
    private final String configuredPassword;

    public AdminAccountBootstrap(UserAccountRepository accounts, PasswordEncoder passwordEncoder,
                                 TransactionTemplate transaction,
                                 @Value("${chargeledger.admin.password:}") String configuredPassword) {
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.transaction = transaction;
        this.configuredPassword = configuredPassword;
    }

    @Override
    public void afterPropertiesSet() {
        transaction.executeWithoutResult(status -> {
            if (accounts.findAll().stream().anyMatch(account -> account.hasRole(Roles.ADMIN))) {
                return;
            }
            if (accounts.existsById(ADMIN)) {
                log.warn("No account holds the ADMIN role and an account named 'admin' exists without it; "
                        + "it is left as it is");
                return;
            }
            String password = configuredPassword;
            if (password == null || password.isBlank()) {
                password = randomPassword();
                log.warn("""

                        ============================================================
                        Created user 'admin' with generated password: {}
                        It is shown only this once and stored only as a hash.
                        ============================================================""", password);
            } else {
                log.info("Created user 'admin' with the password from chargeledger.admin.password");
            }
            accounts.save(new UserAccount(ADMIN, passwordEncoder.encode(password), List.of(Roles.ADMIN)));
        });
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
