package io.chargeledger.charger.api;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules a charger's registration must satisfy. The aggregate enforces them, and the REST layer asks
 * the same rules first so that a bad request is answered with every offending field at once.
 */
public final class ChargerRules {

    public static final int DEFAULT_SECURITY_PROFILE = 1;

    // OCPP identities travel in the URL path: no '/', no whitespace, no control characters.
    private static final Pattern CHARGE_POINT_ID = Pattern.compile("[\\x21-\\x7E&&[^/]]{1,48}");

    private ChargerRules() {
    }

    public static List<Violation> checkChargePointId(String chargePointId) {
        List<Violation> violations = new ArrayList<>();
        if (chargePointId == null || chargePointId.isEmpty()) {
            violations.add(new Violation("chargePointId", "is required"));
        } else if (!CHARGE_POINT_ID.matcher(chargePointId).matches()) {
            violations.add(new Violation("chargePointId",
                    "must be 1-48 printable characters without '/' or whitespace"));
        }
        return violations;
    }

    /**
     * @param hasAuthorizationKey whether the charger will have an authorization key after the command
     */
    public static List<Violation> check(String chargePointId, ChargerDetails details, Integer securityProfile,
                                        boolean hasAuthorizationKey) {
        List<Violation> violations = checkChargePointId(chargePointId);
        if (details == null) {
            violations.add(new Violation("details", "are required"));
            return violations;
        }
        optionalText(violations, "serialNumber", details.serialNumber(), 25);
        optionalText(violations, "catalogNumber", details.catalogNumber(), 50);
        requiredText(violations, "vendor", details.vendor(), 20);
        requiredText(violations, "model", details.model(), 20);
        range(violations, "ratedVolts", details.ratedVolts(), 1, 1500, true);
        range(violations, "ratedAmps", details.ratedAmps(), 1, 1000, true);
        range(violations, "maximumAmps", details.maximumAmps(), 1, 1000, true);
        if (details.ratedAmps() != null && details.maximumAmps() != null
                && details.maximumAmps() < details.ratedAmps()) {
            violations.add(new Violation("maximumAmps", "must be at least ratedAmps (" + details.ratedAmps() + ")"));
        }
        if (details.ipAddress() != null && !IpAddresses.isValid(details.ipAddress())) {
            violations.add(new Violation("ipAddress", "must be a valid IPv4 or IPv6 address"));
        }
        optionalText(violations, "targetGroup", details.targetGroup(), 50);
        checkLocation(violations, details.location());
        checkPricing(violations, details.pricing());
        range(violations, "connectorCount", details.connectorCount(), 1, 100, true);
        if (securityProfile == null || securityProfile < 0 || securityProfile > 2) {
            violations.add(new Violation("securityProfile", "must be 0, 1 or 2"));
        } else if (securityProfile > 0 && !hasAuthorizationKey) {
            violations.add(new Violation("authorizationKey", "is required for security profile " + securityProfile));
        }
        return violations;
    }

    private static void checkLocation(List<Violation> violations, Location location) {
        if (location == null) {
            return;
        }
        optionalText(violations, "location.name", location.name(), 100);
        optionalText(violations, "location.address", location.address(), 255);
        if ((location.latitude() == null) != (location.longitude() == null)) {
            violations.add(new Violation(location.latitude() == null ? "location.latitude" : "location.longitude",
                    "latitude and longitude must be given together"));
        }
        decimalRange(violations, "location.latitude", location.latitude(), -90, 90);
        decimalRange(violations, "location.longitude", location.longitude(), -180, 180);
    }

    private static void checkPricing(List<Violation> violations, Pricing pricing) {
        if (pricing == null) {
            return;
        }
        if (pricing.pricePerKwh() == null) {
            violations.add(new Violation("pricing.pricePerKwh", "is required"));
        } else if (pricing.pricePerKwh().signum() < 0) {
            violations.add(new Violation("pricing.pricePerKwh", "must not be negative"));
        }
        if (pricing.currency() == null) {
            violations.add(new Violation("pricing.currency", "is required"));
        } else if (!isIsoCurrency(pricing.currency())) {
            violations.add(new Violation("pricing.currency", "must be an ISO-4217 currency code such as EUR"));
        }
        if (pricing.sessionFee() != null && pricing.sessionFee().signum() < 0) {
            violations.add(new Violation("pricing.sessionFee", "must not be negative"));
        }
    }

    private static boolean isIsoCurrency(String code) {
        if (!code.matches("[A-Z]{3}")) {
            return false;
        }
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }

    private static void requiredText(List<Violation> violations, String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            violations.add(new Violation(field, "is required"));
        } else {
            optionalText(violations, field, value, maxLength);
        }
    }

    private static void optionalText(List<Violation> violations, String field, String value, int maxLength) {
        if (value != null && value.length() > maxLength) {
            violations.add(new Violation(field, "must be at most " + maxLength + " characters"));
        }
    }

    private static void range(List<Violation> violations, String field, Integer value, int min, int max,
                              boolean required) {
        if (value == null) {
            if (required) {
                violations.add(new Violation(field, "is required"));
            }
        } else if (value < min || value > max) {
            violations.add(new Violation(field, "must be between " + min + " and " + max));
        }
    }

    private static void decimalRange(List<Violation> violations, String field, BigDecimal value, int min, int max) {
        if (value != null && (value.compareTo(BigDecimal.valueOf(min)) < 0 || value.compareTo(BigDecimal.valueOf(max)) > 0)) {
            violations.add(new Violation(field, "must be between " + min + " and " + max));
        }
    }
}
