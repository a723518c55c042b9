package io.chargeledger.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The charge point's OCPP 1.6 configuration keys (Core profile plus WebSocketPingInterval).
 * Not thread-safe: owned by one charge point's serial executor.
 */
final class ConfigurationStore {

    enum Type { INT, BOOL, MEASURANDS, PHASE_ROTATION, STRING }

    enum ChangeResult { Accepted, Rejected, NotSupported }

    static final Set<String> SUPPORTED_MEASURANDS = Set.of(
            "Energy.Active.Import.Register", "Power.Active.Import", "Current.Import", "Voltage", "SoC");

    static final int MAX_KEYS = 50;

    private static final class Entry {
        final boolean readonly;
        final Type type;
        String value;

        Entry(boolean readonly, Type type, String value) {
            this.readonly = readonly;
            this.type = type;
            this.value = value;
        }
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    ConfigurationStore(int connectors, long heartbeatSeconds, long meterSeconds) {
        rw("AllowOfflineTxForUnknownId", Type.BOOL, "false");
        rw("AuthorizationCacheEnabled", Type.BOOL, "false");
        rw("AuthorizeRemoteTxRequests", Type.BOOL, "false");
        rw("ClockAlignedDataInterval", Type.INT, "0");
        rw("ConnectionTimeOut", Type.INT, "60");
        rw("ConnectorPhaseRotation", Type.PHASE_ROTATION, "0.RST");
        ro("GetConfigurationMaxKeys", Type.INT, Integer.toString(MAX_KEYS));
        rw("HeartbeatInterval", Type.INT, Long.toString(heartbeatSeconds));
        rw("LocalAuthorizeOffline", Type.BOOL, "false");
        rw("LocalPreAuthorize", Type.BOOL, "false");
        rw("MeterValuesAlignedData", Type.MEASURANDS, "Energy.Active.Import.Register");
        rw("MeterValuesSampledData", Type.MEASURANDS, "Energy.Active.Import.Register,Power.Active.Import,SoC");
        rw("MeterValueSampleInterval", Type.INT, Long.toString(meterSeconds));
        ro("NumberOfConnectors", Type.INT, Integer.toString(connectors));
        rw("ResetRetries", Type.INT, "1");
        rw("StopTransactionOnEVSideDisconnect", Type.BOOL, "true");
        rw("StopTransactionOnInvalidId", Type.BOOL, "true");
        rw("StopTxnAlignedData", Type.MEASURANDS, "");
        rw("StopTxnSampledData", Type.MEASURANDS, "Energy.Active.Import.Register");
        ro("SupportedFeatureProfiles", Type.STRING, "Core,RemoteTrigger");
        rw("TransactionMessageAttempts", Type.INT, "3");
        rw("TransactionMessageRetryInterval", Type.INT, "10");
        rw("UnlockConnectorOnEVSideDisconnect", Type.BOOL, "true");
        rw("WebSocketPingInterval", Type.INT, "0");
    }

    private void rw(String key, Type type, String value) {
        entries.put(key, new Entry(false, type, value));
    }

    private void ro(String key, Type type, String value) {
        entries.put(key, new Entry(true, type, value));
    }

    /** Key lookup is case-insensitive (keys are CiString50); returns the canonical name or null. */
    String canonical(String key) {
        if (entries.containsKey(key)) {
            return key;
        }
        for (String k : entries.keySet()) {
            if (k.equalsIgnoreCase(key)) {
                return k;
            }
        }
        return null;
    }

    String get(String key) {
        Entry e = entries.get(key);
        return e == null ? null : e.value;
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
        List<String> out = new ArrayList<>();
        if (v != null) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    /** Internal update (e.g. HeartbeatInterval from BootNotification.conf), ignoring read-only. */
    void setInternal(String key, String value) {
        Entry e = entries.get(key);
        if (e != null) {
            e.value = value;
        }
    }

    boolean readonly(String key) {
        return entries.get(key).readonly;
    }

    Iterable<String> keys() {
        return entries.keySet();
    }

    ChangeResult change(String key, String value) {
        String k = canonical(key);
        if (k == null) {
            return ChangeResult.NotSupported;
        }
        Entry e = entries.get(k);
        if (e.readonly || !valid(e.type, value)) {
            return ChangeResult.Rejected;
        }
        e.value = e.type == Type.BOOL ? value.trim().toLowerCase(java.util.Locale.ROOT) : value.trim();
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
                    return Long.parseLong(v) >= 0 && Long.parseLong(v) <= Integer.MAX_VALUE;
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
                return v.matches("(\\d+\\.(RST|RTS|SRT|STR|TRS|TSR|NotApplicable|Unknown))(,\\d+\\.(RST|RTS|SRT|STR|TRS|TSR|NotApplicable|Unknown))*");
            default:
                return true;
        }
    }
}
