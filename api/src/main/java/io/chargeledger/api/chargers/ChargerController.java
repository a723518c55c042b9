package io.chargeledger.api.chargers;

import io.chargeledger.api.problems.InvalidRequestException;
import io.chargeledger.api.problems.NotFoundException;
import io.chargeledger.charger.api.AuthorizationKey;
import io.chargeledger.charger.api.ChargerRules;
import io.chargeledger.charger.api.DecommissionCharger;
import io.chargeledger.charger.api.RegisterCharger;
import io.chargeledger.charger.api.UpdateChargerDetails;
import io.chargeledger.charger.api.Violation;
import io.chargeledger.projections.api.ChargerPage;
import io.chargeledger.projections.api.ChargerSummary;
import io.chargeledger.projections.api.ListChargers;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
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

@RestController
@RequestMapping("/api/chargers")
public class ChargerController {

    private static final int MAX_PAGE_SIZE = 500;

    private final CommandGateway commandGateway;
    private final QueryGateway queryGateway;
    private final ReadModelAwaiter readModel;

    public ChargerController(CommandGateway commandGateway, QueryGateway queryGateway, ReadModelAwaiter readModel) {
        this.commandGateway = commandGateway;
        this.queryGateway = queryGateway;
        this.readModel = readModel;
    }

    @PostMapping
    public ResponseEntity<ChargerSummary> register(@RequestBody ChargerRequest request) {
        validate(request.chargePointId(), request, false);
        commandGateway.sendAndWait(new RegisterCharger(request.chargePointId(), request.details(),
                request.securityProfileOrDefault(), hashOrNull(request.authorizationKey())));
        URI location = URI.create("/api/chargers/" + request.chargePointId());
        return ResponseEntity.created(location).body(readModel.chargerAfterWrite(request.chargePointId()).orElse(null));
    }

    @GetMapping
    public ChargerPage list(@RequestParam(required = false) Boolean connected,
                            @RequestParam(required = false) String targetGroup,
                            @RequestParam(defaultValue = "false") boolean includeDecommissioned,
                            @RequestParam(defaultValue = "0") int page,
                            @RequestParam(defaultValue = "50") int size) {
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
        return queryGateway.query(new ListChargers(connected, targetGroup, includeDecommissioned, page, size),
                ResponseTypes.instanceOf(ChargerPage.class)).join();
    }

    @GetMapping("/{chargePointId}")
    public ChargerSummary get(@PathVariable String chargePointId) {
        return readModel.findCharger(chargePointId).orElseThrow(() -> unknown(chargePointId));
    }

    @PutMapping("/{chargePointId}")
    public ChargerSummary update(@PathVariable String chargePointId, @RequestBody ChargerRequest request) {
        if (request.chargePointId() != null && !request.chargePointId().equals(chargePointId)) {
            throw new InvalidRequestException("chargePointId", "must match the path (the identity cannot change)");
        }
        readModel.findCharger(chargePointId).orElseThrow(() -> unknown(chargePointId));
        validate(chargePointId, request, true);
        commandGateway.sendAndWait(new UpdateChargerDetails(chargePointId, request.details(),
                request.securityProfileOrDefault(), hashOrNull(request.authorizationKey())));
        return readModel.chargerAfterWrite(chargePointId).orElseThrow(() -> unknown(chargePointId));
    }

    @DeleteMapping("/{chargePointId}")
    public ResponseEntity<Void> decommission(@PathVariable String chargePointId) {
        readModel.findCharger(chargePointId).orElseThrow(() -> unknown(chargePointId));
        commandGateway.sendAndWait(new DecommissionCharger(chargePointId, "Decommissioned through the API"));
        readModel.chargerAfterWrite(chargePointId);
        return ResponseEntity.noContent().build();
    }

    /**
     * The domain's own rules, asked before any command so that every offending field is reported at once.
     * An update may leave the key out when the charger already has one; the aggregate knows and decides.
     */
    private static void validate(String chargePointId, ChargerRequest request, boolean update) {
        List<Violation> violations = new ArrayList<>(AuthorizationKey.check(request.authorizationKey()));
        boolean hasKey = update || request.authorizationKey() != null;
        violations.addAll(ChargerRules.check(chargePointId, request.details(), request.securityProfileOrDefault(),
                hasKey));
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
    }

    private static String hashOrNull(String authorizationKey) {
        return authorizationKey == null ? null : AuthorizationKey.hash(authorizationKey);
    }

    private static NotFoundException unknown(String chargePointId) {
        return new NotFoundException("No charger with chargePointId " + chargePointId);
    }
}
