package io.chargeledger.api.users;

import java.util.List;

/**
 * Body of POST and PUT /api/users. POST needs username, password and roles. PUT needs roles; a password left out
 * keeps the current one, and enabled left out keeps the current state (so a PUT never silently re-enables an account).
 */
public record UserRequest(String username, String password, List<String> roles, Boolean enabled) {

    @Override
    public String toString() {
        return "UserRequest[username=" + username + ", roles=" + roles + ", enabled=" + enabled + "]"; // no password
    }
}
