package io.chargeledger.api.axon;

import io.chargeledger.api.transactions.TransactionLookupUpdater;
import io.chargeledger.session.api.RemoteStartExpired;
import io.chargeledger.session.api.RemoteStartRejected;
import io.chargeledger.session.api.SessionStopped;
import org.axonframework.common.caching.Cache;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * Takes a session's aggregate out of the aggregate cache once the event that ended it (stopped, or its remote start
 * rejected or expired) is stored. An ended session hardly ever takes a command again (a late MeterValues, a repeated
 * StopTransaction), and then its short stream is read back from the store. Without this, the bounded cache filled up
 * with sessions long over: after the closed-loop benchmark, 50,000 ended sessions (31 MiB of live heap, by class
 * histogram) stayed cached beside the 19,500 chargers still connected.
 *
 * <p>Runs in the subscribing processor that writes the transaction registry, so inside the unit of work that stores
 * the event. The aggregate is put into the cache while that unit of work prepares its commit; the removal waits for
 * the outermost unit of work (a group of commands, see {@link GroupCommitCommandBus}) to commit, so it comes after it.
 */
@ProcessingGroup(TransactionLookupUpdater.PROCESSING_GROUP)
public class EndedSessionEviction {

    private final Cache sessions;

    EndedSessionEviction(Cache sessions) {
        this.sessions = sessions;
    }

    @EventHandler
    void on(SessionStopped event) {
        evictOnceStored(event.sessionId());
    }

    @EventHandler
    void on(RemoteStartRejected event) {
        evictOnceStored(event.sessionId());
    }

    @EventHandler
    void on(RemoteStartExpired event) {
        evictOnceStored(event.sessionId());
    }

    private void evictOnceStored(String sessionId) {
        CurrentUnitOfWork.get().root().afterCommit(unitOfWork -> sessions.remove(sessionId));
    }
}
