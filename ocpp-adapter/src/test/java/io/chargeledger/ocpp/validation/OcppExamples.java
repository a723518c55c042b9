package io.chargeledger.ocpp.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Realistic, valid OCPP 1.6-J payloads: one request and one response per action. */
final class OcppExamples {

    static final ObjectMapper MAPPER = new ObjectMapper();

    static final List<String> CHARGE_POINT_ACTIONS = List.of(
            "Authorize", "BootNotification", "DataTransfer", "DiagnosticsStatusNotification",
            "FirmwareStatusNotification", "Heartbeat", "MeterValues", "StartTransaction", "StatusNotification",
            "StopTransaction");

    static final List<String> CENTRAL_SYSTEM_ACTIONS = List.of(
            "CancelReservation", "ChangeAvailability", "ChangeConfiguration", "ClearCache", "ClearChargingProfile",
            "DataTransfer", "GetCompositeSchedule", "GetConfiguration", "GetDiagnostics", "GetLocalListVersion",
            "RemoteStartTransaction", "RemoteStopTransaction", "ReserveNow", "Reset", "SendLocalList",
            "SetChargingProfile", "TriggerMessage", "UnlockConnector", "UpdateFirmware");

    static final String BOOT_NOTIFICATION_FULL = """
            {
              "chargePointVendor": "Alfen BV",
              "chargePointModel": "NG920-61023",
              "chargePointSerialNumber": "ACE0123456",
              "chargeBoxSerialNumber": "ACE0123456-CB",
              "firmwareVersion": "6.4.0-4215",
              "iccid": "8931087119012345678",
              "imsi": "204080812345678",
              "meterType": "Eastron SDM630",
              "meterSerialNumber": "SDM630-0012345"
            }""";

    static final String METER_VALUES_THREE_PHASE = """
            {
              "connectorId": 1,
              "transactionId": 1042,
              "meterValue": [
                {
                  "timestamp": "2026-11-25T10:15:00Z",
                  "sampledValue": [
                    {"value": "15237.4", "context": "Sample.Periodic", "format": "Raw",
                     "measurand": "Energy.Active.Import.Register", "location": "Outlet", "unit": "kWh"},
                    {"value": "11040", "context": "Sample.Periodic", "measurand": "Power.Active.Import", "unit": "W"},
                    {"value": "16.02", "context": "Sample.Periodic", "measurand": "Current.Import", "phase": "L1", "unit": "A"},
                    {"value": "15.98", "context": "Sample.Periodic", "measurand": "Current.Import", "phase": "L2", "unit": "A"},
                    {"value": "16.05", "context": "Sample.Periodic", "measurand": "Current.Import", "phase": "L3", "unit": "A"},
                    {"value": "231.2", "context": "Sample.Periodic", "measurand": "Voltage", "phase": "L1-N", "unit": "V"},
                    {"value": "230.7", "context": "Sample.Periodic", "measurand": "Voltage", "phase": "L2-N", "unit": "V"},
                    {"value": "229.9", "context": "Sample.Periodic", "measurand": "Voltage", "phase": "L3-N", "unit": "V"},
                    {"value": "16", "context": "Sample.Periodic", "measurand": "Current.Offered", "unit": "A"},
                    {"value": "41.5", "context": "Sample.Periodic", "measurand": "Temperature", "location": "Body", "unit": "Celsius"},
                    {"value": "64", "context": "Sample.Periodic", "measurand": "SoC", "location": "EV", "unit": "Percent"}
                  ]
                },
                {
                  "timestamp": "2026-11-25T10:15:00.500+01:00",
                  "sampledValue": [
                    {"value": "15237.6", "context": "Sample.Clock", "measurand": "Energy.Active.Import.Register", "unit": "kWh"}
                  ]
                }
              ]
            }""";

    static final String STOP_TRANSACTION_WITH_DATA = """
            {
              "idTag": "04A2B3C4D5E6F7",
              "meterStop": 15262810,
              "timestamp": "2026-11-25T11:02:31.123Z",
              "transactionId": 1042,
              "reason": "EVDisconnected",
              "transactionData": [
                {
                  "timestamp": "2026-11-25T09:30:02Z",
                  "sampledValue": [
                    {"value": "15230120", "context": "Transaction.Begin", "measurand": "Energy.Active.Import.Register", "unit": "Wh"}
                  ]
                },
                {
                  "timestamp": "2026-11-25T11:02:31Z",
                  "sampledValue": [
                    {"value": "15262810", "context": "Transaction.End", "measurand": "Energy.Active.Import.Register", "unit": "Wh"},
                    {"value": "38.0", "context": "Transaction.End", "measurand": "Temperature", "unit": "Celcius"},
                    {"value": "3081A0B1C2D3", "context": "Transaction.End", "format": "SignedData",
                     "measurand": "Energy.Active.Import.Register", "unit": "Wh"}
                  ]
                }
              ]
            }""";

    private static final String CHARGING_PROFILE = """
            {
              "chargingProfileId": 7,
              "transactionId": 1042,
              "stackLevel": 1,
              "chargingProfilePurpose": "TxProfile",
              "chargingProfileKind": "Absolute",
              "validFrom": "2026-11-25T10:00:00Z",
              "validTo": "2026-11-25T22:00:00Z",
              "chargingSchedule": {
                "duration": 7200,
                "startSchedule": "2026-11-25T10:00:00Z",
                "chargingRateUnit": "A",
                "chargingSchedulePeriod": [
                  {"startPeriod": 0, "limit": 16.0, "numberPhases": 3},
                  {"startPeriod": 1800, "limit": 10.5, "numberPhases": 3},
                  {"startPeriod": 3600, "limit": 6}
                ],
                "minChargingRate": 6.0
              }
            }""";

    static final Map<String, String> REQUESTS = new TreeMap<>(Map.ofEntries(
            Map.entry("Authorize", """
                    {"idTag": "04A2B3C4D5E6F7"}"""),
            Map.entry("BootNotification", BOOT_NOTIFICATION_FULL),
            Map.entry("CancelReservation", """
                    {"reservationId": 311}"""),
            Map.entry("ChangeAvailability", """
                    {"connectorId": 0, "type": "Inoperative"}"""),
            Map.entry("ChangeConfiguration", """
                    {"key": "HeartbeatInterval", "value": "300"}"""),
            Map.entry("ClearCache", "{}"),
            Map.entry("ClearChargingProfile", """
                    {"connectorId": 1, "chargingProfilePurpose": "TxDefaultProfile", "stackLevel": 0}"""),
            Map.entry("DataTransfer", """
                    {"vendorId": "com.alfen", "messageId": "PlugAndChargeState", "data": "{\\"enabled\\":true}"}"""),
            Map.entry("DiagnosticsStatusNotification", """
                    {"status": "Uploaded"}"""),
            Map.entry("FirmwareStatusNotification", """
                    {"status": "Installed"}"""),
            Map.entry("GetCompositeSchedule", """
                    {"connectorId": 1, "duration": 86400, "chargingRateUnit": "W"}"""),
            Map.entry("GetConfiguration", """
                    {"key": ["HeartbeatInterval", "MeterValueSampleInterval", "MeterValuesSampledData"]}"""),
            Map.entry("GetDiagnostics", """
                    {"location": "ftp://diag:secret@diagnostics.chargeledger.test/uploads/",
                     "retries": 3, "retryInterval": 60,
                     "startTime": "2026-11-24T00:00:00Z", "stopTime": "2026-11-25T00:00:00Z"}"""),
            Map.entry("GetLocalListVersion", "{}"),
            Map.entry("Heartbeat", "{}"),
            Map.entry("MeterValues", METER_VALUES_THREE_PHASE),
            Map.entry("RemoteStartTransaction", """
                    {"connectorId": 2, "idTag": "DRIVER-0042", "chargingProfile": %s}""".formatted(
                    CHARGING_PROFILE.replace("\"transactionId\": 1042,", ""))),
            Map.entry("RemoteStopTransaction", """
                    {"transactionId": 1042}"""),
            Map.entry("ReserveNow", """
                    {"connectorId": 1, "expiryDate": "2026-11-25T12:00:00Z", "idTag": "DRIVER-0042",
                     "parentIdTag": "FLEET-ACME", "reservationId": 311}"""),
            Map.entry("Reset", """
                    {"type": "Soft"}"""),
            Map.entry("SendLocalList", """
                    {"listVersion": 12, "updateType": "Differential", "localAuthorizationList": [
                      {"idTag": "DRIVER-0042", "idTagInfo": {"status": "Accepted", "expiryDate": "2027-01-01T00:00:00Z",
                                                             "parentIdTag": "FLEET-ACME"}},
                      {"idTag": "DRIVER-0043", "idTagInfo": {"status": "Blocked"}},
                      {"idTag": "DRIVER-0044"}
                    ]}"""),
            Map.entry("SetChargingProfile", """
                    {"connectorId": 1, "csChargingProfiles": %s}""".formatted(CHARGING_PROFILE)),
            Map.entry("StartTransaction", """
                    {"connectorId": 1, "idTag": "04A2B3C4D5E6F7", "meterStart": 15230120, "reservationId": 311,
                     "timestamp": "2026-11-25T09:30:02Z"}"""),
            Map.entry("StatusNotification", """
                    {"connectorId": 1, "errorCode": "NoError", "status": "Charging", "info": "Cable locked",
                     "timestamp": "2026-11-25T09:30:03Z", "vendorId": "com.alfen", "vendorErrorCode": "0"}"""),
            Map.entry("StopTransaction", STOP_TRANSACTION_WITH_DATA),
            Map.entry("TriggerMessage", """
                    {"requestedMessage": "StatusNotification", "connectorId": 1}"""),
            Map.entry("UnlockConnector", """
                    {"connectorId": 1}"""),
            Map.entry("UpdateFirmware", """
                    {"location": "https://firmware.chargeledger.test/alfen/ng9xx-6.5.0.bin",
                     "retries": 5, "retrieveDate": "2026-11-26T02:00:00Z", "retryInterval": 600}""")));

    static final Map<String, String> RESPONSES = new TreeMap<>(Map.ofEntries(
            Map.entry("Authorize", """
                    {"idTagInfo": {"status": "Accepted", "expiryDate": "2026-12-25T00:00:00Z", "parentIdTag": "FLEET-ACME"}}"""),
            Map.entry("BootNotification", """
                    {"status": "Accepted", "currentTime": "2026-11-25T09:00:00.000Z", "interval": 300}"""),
            Map.entry("CancelReservation", """
                    {"status": "Accepted"}"""),
            Map.entry("ChangeAvailability", """
                    {"status": "Scheduled"}"""),
            Map.entry("ChangeConfiguration", """
                    {"status": "RebootRequired"}"""),
            Map.entry("ClearCache", """
                    {"status": "Accepted"}"""),
            Map.entry("ClearChargingProfile", """
                    {"status": "Unknown"}"""),
            Map.entry("DataTransfer", """
                    {"status": "Accepted", "data": "OK"}"""),
            Map.entry("DiagnosticsStatusNotification", "{}"),
            Map.entry("FirmwareStatusNotification", "{}"),
            Map.entry("GetCompositeSchedule", """
                    {"status": "Accepted", "connectorId": 1, "scheduleStart": "2026-11-25T10:00:00Z",
                     "chargingSchedule": {"duration": 86400, "startSchedule": "2026-11-25T10:00:00Z",
                       "chargingRateUnit": "W",
                       "chargingSchedulePeriod": [{"startPeriod": 0, "limit": 11040.0, "numberPhases": 3},
                                                  {"startPeriod": 3600, "limit": 7360.5}],
                       "minChargingRate": 1380.0}}"""),
            Map.entry("GetConfiguration", """
                    {"configurationKey": [
                       {"key": "HeartbeatInterval", "readonly": false, "value": "300"},
                       {"key": "NumberOfConnectors", "readonly": true, "value": "2"},
                       {"key": "AuthorizationKey", "readonly": false}
                     ],
                     "unknownKey": ["VendorSpecificThing"]}"""),
            Map.entry("GetDiagnostics", """
                    {"fileName": "diagnostics-ACE0123456-20261125.tar.gz"}"""),
            Map.entry("GetLocalListVersion", """
                    {"listVersion": 12}"""),
            Map.entry("Heartbeat", """
                    {"currentTime": "2026-11-25T10:00:30Z"}"""),
            Map.entry("MeterValues", "{}"),
            Map.entry("RemoteStartTransaction", """
                    {"status": "Accepted"}"""),
            Map.entry("RemoteStopTransaction", """
                    {"status": "Rejected"}"""),
            Map.entry("ReserveNow", """
                    {"status": "Occupied"}"""),
            Map.entry("Reset", """
                    {"status": "Accepted"}"""),
            Map.entry("SendLocalList", """
                    {"status": "VersionMismatch"}"""),
            Map.entry("SetChargingProfile", """
                    {"status": "NotSupported"}"""),
            Map.entry("StartTransaction", """
                    {"idTagInfo": {"status": "ConcurrentTx"}, "transactionId": 1042}"""),
            Map.entry("StatusNotification", "{}"),
            Map.entry("StopTransaction", """
                    {"idTagInfo": {"status": "Accepted"}}"""),
            Map.entry("TriggerMessage", """
                    {"status": "NotImplemented"}"""),
            Map.entry("UnlockConnector", """
                    {"status": "Unlocked"}"""),
            Map.entry("UpdateFirmware", "{}")));

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private OcppExamples() {
    }
}
