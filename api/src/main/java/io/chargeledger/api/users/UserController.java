package io.chargeledger.api.users;

import io.chargeledger.api.problems.InvalidRequestException;
import io.chargeledger.charger.api.Violation;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Accounts (admins only). Passwords are stored as bcrypt hashes and never returned. The last enabled ADMIN cannot
 * be deleted, disabled or demoted (409).
 */
@RestController
@RequestMapping("/api/users")
public class UserController {

    private static final int MAX_PAGE_SIZE = 500;

    private final UserAdministration users;

    public UserController(UserAdministration users) {
        this.users = users;
    }

    @PostMapping
    public ResponseEntity<UserView> create(@RequestBody UserRequest request) {
        UserView created = users.create(request);
        URI location = UriComponentsBuilder.fromPath("/api/users/{username}").encode()
                .buildAndExpand(created.username()).toUri();
        return ResponseEntity.created(location).body(created);
    }

    @GetMapping
    public UserPage list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        List<Violation> violations = new ArrayList<>();
        if (page < 0) {
            violations.add(new Violation("page", "must be 0 or more"));
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            violations.add(new Violation("size", "must be between 1 and " + MAX_PAGE_SIZE));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        return users.list(page, size);
    }

    @GetMapping("/{username}")
    public UserView get(@PathVariable String username) {
        return users.get(username);
    }

    @PutMapping("/{username}")
    public UserView update(@PathVariable String username, @RequestBody UserRequest request) {
        return users.update(username, request);
    }

    @DeleteMapping("/{username}")
    public ResponseEntity<Void> delete(@PathVariable String username) {
        users.delete(username);
        return ResponseEntity.noContent().build();
    }
}
