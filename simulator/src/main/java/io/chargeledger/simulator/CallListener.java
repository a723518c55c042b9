package io.chargeledger.simulator;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Observes every CALLRESULT a simulated charge point receives for its own CALLs (for example to measure, from the
 * outside, when the central system's read model shows what the answer acknowledged). Runs on the charge point's
 * worker thread: keep it short and never block; hand longer work to an executor of your own.
 */
@FunctionalInterface
public interface CallListener {

    /**
     * @param chargePointId the charge point
     * @param action        the CALL's action
     * @param request       the CALL payload as sent
     * @param result        the CALLRESULT payload
     * @param latencyMicros CALL sent -> CALLRESULT received
     */
    void onResult(String chargePointId, String action, JsonNode request, JsonNode result, long latencyMicros);
}
