package io.chargeledger.api.users;

import io.chargeledger.api.security.Roles;
import io.chargeledger.api.security.UserAccount;
import java.time.Instant;
import java.util.List;

/** An account as the API shows it: never the password or its hash. */
public record UserView(String username, List<String> roles, boolean enabled, Instant createdAt, Instant updatedAt) {

    static UserView of(UserAccount account) {
        return new UserView(account.username(), Roles.ALL.stream().filter(account::hasRole).toList(),
                account.enabled(), account.createdAt(), account.updatedAt());
    }
}
