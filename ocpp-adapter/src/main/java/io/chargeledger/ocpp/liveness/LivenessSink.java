package io.chargeledger.ocpp.liveness;

import java.time.Instant;
import java.util.Map;

/**
 * Receives, in batches, when chargers were last heard from. The read side implements it; the adapter
 * knows only this interface.
 */
public interface LivenessSink {

    void lastSeen(Map<String, Instant> lastSeenByCharger);
}
