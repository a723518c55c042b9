package io.chargeledger.api.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Request bodies for chargers, varied per test so tests never collide on ids. */
public final class TestChargers {

    private TestChargers() {
    }

    public static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static Map<String, Object> versiCharge(String chargePointId, String authorizationKey) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("chargePointId", chargePointId);
        body.put("serialNumber", "JAAL34S021");
        body.put("catalogNumber", "8EM1310-3EJ04-0GA0");
        body.put("vendor", "Siemens");
        body.put("model", "VersiCharge 8EM1310");
        body.put("ratedVolts", 240);
        body.put("ratedAmps", 32);
        body.put("maximumAmps", 32);
        body.put("ipAddress", "192.168.10.143");
        body.put("targetGroup", "Production");
        body.put("location", Map.of("name", "Plant 1", "address", "1 Main St", "latitude", 49.5897, "longitude", 11.012));
        body.put("pricing", Map.of("pricePerKwh", "0.30", "currency", "EUR", "sessionFee", "1.00"));
        body.put("connectorCount", 2);
        body.put("securityProfile", 1);
        body.put("authorizationKey", authorizationKey);
        return body;
    }
}
