package io.chargeledger.simulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The charge point's OCPP 1.6 configuration keys (Core profile). The key definitions and
 * defaults are shared; each charge point keeps only the values that differ, so 20,000 charge
 * points do not carry 20,000 copies of the table. Not thread-safe: owned by one charge
 * point's serial executor.
 */
final class ConfigurationStore {

    enum Type { INT, BOOL, MEASURANDS, PHASE_ROTATION, STRING }

    enum ChangeResult { Accepted, Rejected, NotSupported }

    static final Set<String> SUPPORTED_MEASURANDS = Set.of(
            "Energy.Active.Import.Register", "Power.Active.Import", "Current.Import", "Voltage", "SoC");

    static final int MAX_KEYS = 50;

    private record Definition(String key, boolean readonly, Type type, String defaultValue) {
    }

    private static final Map<String, Definition> DEFINITIONS = new LinkedHashMap<>();
    private static final Map<String, String> CANONICAL = new HashMap<>();

    static {
        rw("AllowOfflineTxForUnknownId", Type.BOOL, "false");
        rw("AuthorizationCacheEnabled", Type.BOOL, "false");
        rw("AuthorizeRemoteTxRequests", Type.BOOL, "false");
        rw("ClockAlignedDataInterval", Type.INT, "0");
        rw("ConnectionTimeOut", Type.INT, "60");
        rw("ConnectorPhaseRotation", Type.PHASE_ROTATION, "0.RST");
        ro("GetConfigurationMaxKeys", Type.INT, Integer.toString(MAX_KEYS));
        rw("HeartbeatInterval", Type.INT, "300");
        rw("LocalAuthorizeOffline", Type.BOOL, "false");
        rw("LocalPreAuthorize", Type.BOOL, "false");
        rw("MeterValuesAlignedData", Type.MEASURANDS, "Energy.Active.Import.Register");
        rw("MeterValuesSampledData", Type.MEASURANDS, "Energy.Active.Import.Register,Power.Active.Import,SoC");
        rw("MeterValueSampleInterval", Type.INT, "10");
        ro("NumberOfConnectors", Type.INT, "1");
        rw("ResetRetries", Type.INT, "1");
        rw("StopTransactionOnEVSideDisconnect", Type.BOOL, "true");
        rw("StopTransactionOnInvalidId", Type.BOOL, "true");
        rw("StopTxnAlignedData", Type.MEASURANDS, "");
        rw("StopTxnSampledData", Type.MEASURANDS, "Energy.Active.Import.Register");
        ro("SupportedFeatureProfiles", Type.STRING, "Core,RemoteTrigger");
        rw("TransactionMessageAttempts", Type.INT, "3");
        rw("TransactionMessageRetryInterval", Type.INT, "10");
        rw("UnlockConnectorOnEVSideDisconnect", Type.BOOL, "true");
    }

    private static void rw(String key, Type type, String value) {
        define(new Definition(key, false, type, value));
    }

    private static void ro(String key, Type type, String value) {
        define(new Definition(key, true, type, value));
    }

    private static void define(Definition d) {
        DEFINITIONS.put(d.key(), d);
        CANONICAL.put(d.key().toLowerCase(Locale.ROOT), d.key());
    }

    /** Values that differ from the shared defaults (usually 3 or 4 entries). */
    private final Map<String, String> values = new HashMap<>(8);

    ConfigurationStore(int connectors, long heartbeatSeconds, long meterSeconds) {
        values.put("NumberOfConnectors", Integer.toString(connectors));
        values.put("HeartbeatInterval", Long.toString(heartbeatSeconds));
        values.put("MeterValueSampleInterval", Long.toString(meterSeconds));
    }

    /** Key lookup is case-insensitive (keys are CiString50); returns the canonical name or null. */
    String canonical(String key) {
        return key == null ? null : CANONICAL.get(key.toLowerCase(Locale.ROOT));
    }

    String get(String key) {
        Definition d = DEFINITIONS.get(key);
        if (d == null) {
            return null;
        }
        String v = values.get(key);
        return v != null ? v : d.defaultValue();
    }

    long getLong(String key, long fallback) {
        try {
            return Long.parseLong(get(key));
        } catch (RuntimeException e) {
            return fallback;
        }
    }

    boolean getBool(String key) {
        return "true".equalsIgnoreCase(get(key));
    }

    List<String> getList(String key) {
        String v = get(key);
        if (v == null || v.isBlank()) {
            return Collections.emptyList();
        }
        List<String> out = new ArrayList<>();
        for (String part : v.split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return out;
    }

    /** Internal update (e.g. HeartbeatInterval from BootNotification.conf), ignoring read-only. */
    void setInternal(String key, String value) {
        if (DEFINITIONS.containsKey(key)) {
            values.put(key, value);
        }
    }

    boolean readonly(String key) {
        return DEFINITIONS.get(key).readonly();
    }

    Iterable<String> keys() {
        return DEFINITIONS.keySet();
    }

    ChangeResult change(String key, String value) {
        String k = canonical(key);
        if (k == null) {
            return ChangeResult.NotSupported;
        }
        Definition d = DEFINITIONS.get(k);
        if (d.readonly() || !valid(d.type(), value)) {
            return ChangeResult.Rejected;
        }
        values.put(k, d.type() == Type.BOOL ? value.trim().toLowerCase(Locale.ROOT) : value.trim());
        return ChangeResult.Accepted;
    }

    private static boolean valid(Type type, String value) {
        if (value == null) {
            return false;
        }
        String v = value.trim();
        switch (type) {
            case INT:
                try {
                    long n = Long.parseLong(v);
                    return n >= 0 && n <= Integer.MAX_VALUE;
                } catch (NumberFormatException e) {
                    return false;
                }
            case BOOL:
                return v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false");
            case MEASURANDS:
                if (v.isEmpty()) {
                    return true;
                }
                for (String part : v.split(",")) {
                    if (!SUPPORTED_MEASURANDS.contains(part.trim())) {
                        return false;
                    }
                }
                return true;
            case PHASE_ROTATION:
                return v.matches("(\\d+\\.(RST|RTS|SRT|STR|TRS|TSR|NotApplicable|Unknown))"
                        + "(,\\d+\\.(RST|RTS|SRT|STR|TRS|TSR|NotApplicable|Unknown))*");
            default:
                return true;
        }
    }
}
