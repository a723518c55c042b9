package io.chargeledger.session;

import io.chargeledger.session.api.IdTokens;
import io.chargeledger.session.api.MeterSample;
import io.chargeledger.session.api.RequestRemoteStart;
import io.chargeledger.session.api.StartSession;
import io.chargeledger.session.api.StopSession;
import io.chargeledger.session.api.Tariff;
import io.chargeledger.session.api.Violation;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

/**
 * The rules a session's commands must satisfy. Charger data is checked only for what would make the record
 * meaningless (a missing timestamp, an impossible connector); odd but possible readings are recorded as anomalies
 * instead, since rejecting a StartTransaction or StopTransaction would lose what the charger did.
 */
public final class SessionRules {

    private SessionRules() {
    }

    public static List<Violation> checkStart(StartSession command) {
        List<Violation> violations = checkSessionId(command.sessionId());
        required(violations, "chargePointId", command.chargePointId());
        if (command.connectorId() < 1) {
            violations.add(new Violation("connectorId", "must be at least 1"));
        }
        // A charger's tag is recorded even if it breaks our stricter format: it may never be refused for that.
        if (command.idTag() == null || command.idTag().isEmpty()) {
            violations.add(new Violation("idTag", "is required"));
        } else if (command.idTag().length() > IdTokens.MAX_LENGTH) {
            violations.add(new Violation("idTag", "must be at most " + IdTokens.MAX_LENGTH + " characters"));
        }
        required(violations, "chargerTimestamp", command.chargerTimestamp());
        required(violations, "receivedAt", command.receivedAt());
        if (command.authorization() == null || command.authorization().status() == null) {
            violations.add(new Violation("authorization", "is required: the decision the charger was given"));
        }
        checkTariff(violations, command.tariff());
        return violations;
    }

    public static List<Violation> checkRemoteStart(RequestRemoteStart command) {
        List<Violation> violations = checkSessionId(command.sessionId());
        required(violations, "chargePointId", command.chargePointId());
        if (command.connectorId() != null && command.connectorId() < 1) {
            violations.add(new Violation("connectorId", "must be at least 1 (leave it empty to let the charger choose)"));
        }
        violations.addAll(IdTagRules.checkIdToken("idTag", command.idTag()));
        required(violations, "requestedBy", command.requestedBy());
        required(violations, "expiresAt", command.expiresAt());
        return violations;
    }

    public static List<Violation> checkStop(StopSession command) {
        List<Violation> violations = new ArrayList<>();
        required(violations, "chargerTimestamp", command.chargerTimestamp());
        required(violations, "receivedAt", command.receivedAt());
        violations.addAll(checkSamples("transactionData", command.transactionData()));
        return violations;
    }

    public static List<Violation> checkSamples(String field, List<MeterSample> samples) {
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            MeterSample sample = samples.get(i);
            String path = field + "[" + i + "]";
            if (sample == null) {
                violations.add(new Violation(path, "is required"));
                continue;
            }
            required(violations, path + ".timestamp", sample.timestamp());
            required(violations, path + ".value", sample.value());
        }
        return violations;
    }

    static List<Violation> checkSessionId(String sessionId) {
        List<Violation> violations = new ArrayList<>();
        if (sessionId == null || sessionId.isEmpty()) {
            violations.add(new Violation("sessionId", "is required"));
            return violations;
        }
        try {
            // UUID.fromString accepts shortened groups such as "1-2-3-4-5"; the round trip rejects them.
            if (!UUID.fromString(sessionId).toString().equalsIgnoreCase(sessionId)) {
                violations.add(new Violation("sessionId", "must be a UUID"));
            }
        } catch (IllegalArgumentException notAUuid) {
            violations.add(new Violation("sessionId", "must be a UUID"));
        }
        return violations;
    }

    private static void checkTariff(List<Violation> violations, Tariff tariff) {
        if (tariff == null) {
            return;
        }
        if (tariff.pricePerKwh() == null) {
            violations.add(new Violation("tariff.pricePerKwh", "is required"));
        } else if (tariff.pricePerKwh().signum() < 0) {
            violations.add(new Violation("tariff.pricePerKwh", "must not be negative"));
        }
        if (tariff.currency() == null || !isIsoCurrency(tariff.currency())) {
            violations.add(new Violation("tariff.currency", "must be an ISO-4217 currency code such as EUR"));
        }
        if (tariff.sessionFee() != null && tariff.sessionFee().signum() < 0) {
            violations.add(new Violation("tariff.sessionFee", "must not be negative"));
        }
    }

    // Checked at the start so that the stop can always be priced: a StopTransaction must never fail on a tariff.
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

    private static void required(List<Violation> violations, String field, Object value) {
        if (value == null || (value instanceof String text && text.isBlank())) {
            violations.add(new Violation(field, "is required"));
        }
    }
}
