package io.chargeledger.session;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.chargeledger.session.api.AuthorizationStatus;
import io.chargeledger.session.api.AuthorizeIdTag;
import io.chargeledger.session.api.BlockIdTag;
import io.chargeledger.session.api.ClaimSessionSlot;
import io.chargeledger.session.api.DeleteIdTag;
import io.chargeledger.session.api.ExpireIdTag;
import io.chargeledger.session.api.IdTagAlreadyRegistered;
import io.chargeledger.session.api.IdTagBlocked;
import io.chargeledger.session.api.IdTagDeleted;
import io.chargeledger.session.api.IdTagDeletedException;
import io.chargeledger.session.api.IdTagExpired;
import io.chargeledger.session.api.IdTagInfo;
import io.chargeledger.session.api.IdTagRegistered;
import io.chargeledger.session.api.IdTagRuleViolation;
import io.chargeledger.session.api.IdTagSessionClaimed;
import io.chargeledger.session.api.IdTagSessionReleased;
import io.chargeledger.session.api.IdTagStatus;
import io.chargeledger.session.api.IdTagUnblocked;
import io.chargeledger.session.api.IdTagUpdated;
import io.chargeledger.session.api.RegisterIdTag;
import io.chargeledger.session.api.ReleaseSessionSlot;
import io.chargeledger.session.api.UnblockIdTag;
import io.chargeledger.session.api.UpdateIdTag;
import io.chargeledger.session.api.Violation;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import io.chargeledger.session.api.IdTokens;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * An id tag (RFID card, app token) and the sessions it currently holds. Authorization is decided here, on the
 * aggregate's consistent state, so that a block takes effect on the very next Authorize or StartTransaction.
 */
public class IdTag {

    @AggregateIdentifier
    private String aggregateId;
    private String idTag;
    // False after deletion: the stream lives on, so that the tag can be registered again and running sessions
    // can still release their slots.
    private boolean registered;
    private IdTagStatus status;
    private Instant expiryDate;
    private String parentIdTag;
    private Integer maxActiveSessions;
    private final Set<String> sessionsHoldingSlots = new HashSet<>();

    protected IdTag() {
        // for Axon
    }

    // Create-if-missing (rather than a constructor) so that registering a taken tag is a domain rejection with a
    // clear message, not a storage conflict; a deleted tag may be registered again.
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RegisterIdTag command) {
        if (registered) {
            throw new IdTagAlreadyRegistered(command.idTag());
        }
        requireValid(IdTagRules.check(command.idTag(), command.status(), command.parentIdTag(),
                command.maxActiveSessions(), command.owner()));
        apply(new IdTagRegistered(command.idTag(), command.status(), command.expiryDate(), command.parentIdTag(),
                command.maxActiveSessions(), command.owner()));
    }

    @CommandHandler
    void handle(UpdateIdTag command) {
        requireRegistered("be updated");
        requireValid(IdTagRules.check(command.idTag(), command.status(), command.parentIdTag(),
                command.maxActiveSessions(), command.owner()));
        apply(new IdTagUpdated(idTag, command.status(), command.expiryDate(), command.parentIdTag(),
                command.maxActiveSessions(), command.owner()));
    }

    @CommandHandler
    void handle(BlockIdTag command) {
        requireRegistered("be blocked");
        if (status != IdTagStatus.Blocked) {
            apply(new IdTagBlocked(idTag));
        }
    }

    // Only a block is lifted: unblocking must never revive a tag that an admin expired.
    @CommandHandler
    void handle(UnblockIdTag command) {
        requireRegistered("be unblocked");
        if (status == IdTagStatus.Blocked) {
            apply(new IdTagUnblocked(idTag));
        }
    }

    @CommandHandler
    void handle(ExpireIdTag command) {
        requireRegistered("be expired");
        if (status != IdTagStatus.Expired) {
            apply(new IdTagExpired(idTag));
        }
    }

    @CommandHandler
    void handle(DeleteIdTag command) {
        if (registered) {
            apply(new IdTagDeleted(idTag));
        }
    }

    // Deliberately blind to maxActiveSessions: a charger also sends Authorize to stop a running session, and
    // answering ConcurrentTx there would keep the driver from stopping it. The limit applies when a session is
    // claimed.
    @CommandHandler
    IdTagInfo handle(AuthorizeIdTag command) {
        requireInstant(command.at());
        return decide(command.at());
    }

    @CommandHandler
    IdTagInfo handle(ClaimSessionSlot command) {
        requireInstant(command.at());
        if (command.sessionId() == null || command.sessionId().isBlank()) {
            throw new IdTagRuleViolation(List.of(new Violation("sessionId", "is required")));
        }
        // A retried claim must get the answer the first one got, even if the tag was blocked in between.
        if (sessionsHoldingSlots.contains(command.sessionId())) {
            return answer(AuthorizationStatus.Accepted);
        }
        IdTagInfo decision = decide(command.at());
        if (decision.status() != AuthorizationStatus.Accepted) {
            return decision;
        }
        if (maxActiveSessions != null && sessionsHoldingSlots.size() >= maxActiveSessions) {
            return answer(AuthorizationStatus.ConcurrentTx);
        }
        apply(new IdTagSessionClaimed(idTag, command.sessionId()));
        return decision;
    }

    // Allowed on a deleted tag: its sessions still end and must give their slots back for a later re-registration.
    @CommandHandler
    IdTagInfo handle(ReleaseSessionSlot command) {
        requireInstant(command.at());
        if (sessionsHoldingSlots.contains(command.sessionId())) {
            apply(new IdTagSessionReleased(idTag, command.sessionId()));
        }
        return decide(command.at());
    }

    private IdTagInfo decide(Instant at) {
        if (!registered) {
            return IdTagInfo.invalid();
        }
        return switch (status) {
            case Blocked -> answer(AuthorizationStatus.Blocked);
            case Expired -> answer(AuthorizationStatus.Expired);
            case Accepted -> answer(expiryDate != null && expiryDate.isBefore(at)
                    ? AuthorizationStatus.Expired : AuthorizationStatus.Accepted);
        };
    }

    private IdTagInfo answer(AuthorizationStatus answer) {
        return new IdTagInfo(answer, expiryDate, parentIdTag);
    }

    private void requireRegistered(String attempted) {
        if (!registered) {
            throw new IdTagDeletedException(idTag, attempted);
        }
    }

    private static void requireInstant(Instant at) {
        if (at == null) {
            throw new IdTagRuleViolation(List.of(new Violation("at", "is required")));
        }
    }

    private static void requireValid(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new IdTagRuleViolation(violations);
        }
    }

    @EventSourcingHandler
    void on(IdTagRegistered event) {
        aggregateId = IdTokens.aggregateId(event.idTag());
        idTag = event.idTag();
        registered = true;
        status = event.status();
        expiryDate = event.expiryDate();
        parentIdTag = event.parentIdTag();
        maxActiveSessions = event.maxActiveSessions();
    }

    @EventSourcingHandler
    void on(IdTagUpdated event) {
        status = event.status();
        expiryDate = event.expiryDate();
        parentIdTag = event.parentIdTag();
        maxActiveSessions = event.maxActiveSessions();
    }

    @EventSourcingHandler
    void on(IdTagBlocked event) {
        status = IdTagStatus.Blocked;
    }

    @EventSourcingHandler
    void on(IdTagUnblocked event) {
        status = IdTagStatus.Accepted;
    }

    @EventSourcingHandler
    void on(IdTagExpired event) {
        status = IdTagStatus.Expired;
    }

    @EventSourcingHandler
    void on(IdTagDeleted event) {
        registered = false;
    }

    @EventSourcingHandler
    void on(IdTagSessionClaimed event) {
        sessionsHoldingSlots.add(event.sessionId());
    }

    @EventSourcingHandler
    void on(IdTagSessionReleased event) {
        sessionsHoldingSlots.remove(event.sessionId());
    }
}
