package io.chargeledger.ocpp.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import io.chargeledger.ocpp.handlers.OcppTime;
import io.chargeledger.session.api.MeterSample;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** OCPP meterValue arrays (MeterValues.meterValue, StopTransaction.transactionData) as domain samples. */
final class MeterSamples {

    private MeterSamples() {
    }

    static List<MeterSample> from(JsonNode meterValues) {
        List<MeterSample> samples = new ArrayList<>();
        if (meterValues == null || !meterValues.isArray()) {
            return samples;
        }
        for (JsonNode meterValue : meterValues) {
            Instant timestamp = OcppTime.parse(meterValue.get("timestamp").asText());
            for (JsonNode sampled : meterValue.path("sampledValue")) {
                if ("SignedData".equals(text(sampled, "format"))) {
                    continue; // an opaque signed blob, not a number to chart or bill
                }
                BigDecimal value;
                try {
                    value = new BigDecimal(sampled.get("value").asText().trim());
                } catch (NumberFormatException notANumber) {
                    continue;
                }
                samples.add(new MeterSample(timestamp, text(sampled, "measurand"), text(sampled, "phase"),
                        text(sampled, "unit"), text(sampled, "context"), text(sampled, "location"), value));
            }
        }
        return samples;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
