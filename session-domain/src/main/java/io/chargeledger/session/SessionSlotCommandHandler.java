package io.chargeledger.session;

import io.chargeledger.session.api.ClaimSessionSlot;
import io.chargeledger.session.api.ClaimSlotAndStartSession;
import io.chargeledger.session.api.IdTagInfo;
import io.chargeledger.session.api.IdTokens;
import io.chargeledger.session.api.ReleaseSessionSlot;
import io.chargeledger.session.api.StartRequestedSession;
import io.chargeledger.session.api.StartSession;
import io.chargeledger.session.api.StopSession;
import io.chargeledger.session.api.StopSessionAndReleaseSlot;
import java.util.function.Function;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

/**
 * A charger's start and stop each change two aggregates: the session, and the slot its tag holds. Handled here, both
 * are changed in one unit of work, so their events are stored in one database transaction: the charger's answer
 * waits for one commit instead of two in a row, and a start or stop that fails changes neither. The rules stay with
 * the aggregates; this only calls their handlers, the tag first.
 *
 * <p>With several nodes (Axon Server), a start is handled where its tag's commands go and a stop where its session's
 * go, so the other aggregate may be cached there in an older state. Its new events then conflict with the stored ones
 * by sequence number: the event store refuses them, the cached copy is dropped with the rolled-back unit of work, and
 * the charger's retry succeeds. Nothing inconsistent is stored.
 */
public class SessionSlotCommandHandler {

    private final Repository<IdTag> idTags;
    private final Repository<ChargingSession> sessions;

    public SessionSlotCommandHandler(Repository<IdTag> idTags, Repository<ChargingSession> sessions) {
        this.idTags = idTags;
        this.sessions = sessions;
    }

    @CommandHandler
    IdTagInfo handle(ClaimSlotAndStartSession command) throws Exception {
        StartSession start = command.start();
        IdTagInfo authorization = onTag(start.idTag(),
                tag -> tag.handle(new ClaimSessionSlot(start.idTag(), start.sessionId(), start.receivedAt())));
        StartSession decided = start.authorizedAs(authorization);
        if (command.requested()) {
            sessions.load(decided.sessionId()).execute(session -> session.handle(new StartRequestedSession(decided)));
        } else {
            sessions.newInstance(() -> {
                ChargingSession session = new ChargingSession();
                session.handle(decided);
                return session;
            });
        }
        return authorization;
    }

    @CommandHandler
    IdTagInfo handle(StopSessionAndReleaseSlot command) {
        StopSession stop = command.stop();
        Aggregate<ChargingSession> session = sessions.load(stop.sessionId());
        session.execute(stopping -> stopping.handle(stop));
        String idTag = session.invoke(ChargingSession::idTag);
        return onTag(idTag, tag -> tag.handle(new ReleaseSessionSlot(idTag, stop.sessionId(), stop.receivedAt())));
    }

    /** A tag never registered holds no slots and answers Invalid; any other failure is not an answer and propagates. */
    private IdTagInfo onTag(String idTag, Function<IdTag, IdTagInfo> decision) {
        Aggregate<IdTag> tag;
        try {
            tag = idTags.load(IdTokens.aggregateId(idTag));
        } catch (AggregateNotFoundException neverRegistered) {
            return IdTagInfo.invalid();
        }
        return tag.invoke(decision);
    }
}
