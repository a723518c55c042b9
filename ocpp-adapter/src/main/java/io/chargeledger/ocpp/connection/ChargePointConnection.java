package io.chargeledger.ocpp.connection;

import com.fasterxml.jackson.databind.JsonNode;
import io.chargeledger.charger.api.RegistrationStatus;
import io.chargeledger.ocpp.frame.Frame;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * One charger's open WebSocket, as this node sees it. OCPP-J allows one CALL in progress per direction:
 * inbound CALLs are handled one after another in arrival order, outbound CALLs wait in a queue until the
 * outstanding one is answered or times out.
 */
public final class ChargePointConnection {

    private final String chargePointId;
    private final String connectionId;
    private final String remoteAddress;
    private final int securityProfile;
    private final FrameSender sender;

    private volatile RegistrationStatus registrationStatus = RegistrationStatus.NEVER_BOOTED;
    private volatile Instant lastSeen = Instant.now();
    private volatile Instant lastLivenessRecorded = Instant.now();
    private volatile Instant lastSeenFlushed = Instant.EPOCH;
    private volatile String closeReason;

    // inbound: guarded by this
    private final Deque<Frame.Call> inboundQueue = new ArrayDeque<>();
    private final Set<String> inboundIds = new HashSet<>();
    private boolean inboundBusy = true; // opens once the connection is recorded, so nothing overtakes it

    // outbound: guarded by this
    private final Deque<OutboundCall> outboundQueue = new ArrayDeque<>();
    private OutboundCall outstanding;
    private boolean closed;

    public ChargePointConnection(String chargePointId, String connectionId, String remoteAddress,
                                 int securityProfile, FrameSender sender) {
        this.chargePointId = chargePointId;
        this.connectionId = connectionId;
        this.remoteAddress = remoteAddress;
        this.securityProfile = securityProfile;
        this.sender = sender;
    }

    public String chargePointId() {
        return chargePointId;
    }

    public String connectionId() {
        return connectionId;
    }

    public String remoteAddress() {
        return remoteAddress;
    }

    public int securityProfile() {
        return securityProfile;
    }

    public RegistrationStatus registrationStatus() {
        return registrationStatus;
    }

    public void registrationStatus(RegistrationStatus status) {
        this.registrationStatus = status;
    }

    public Instant lastSeen() {
        return lastSeen;
    }

    public void seen(Instant at) {
        this.lastSeen = at;
    }

    public Instant lastLivenessRecorded() {
        return lastLivenessRecorded;
    }

    public void livenessRecorded(Instant at) {
        this.lastLivenessRecorded = at;
    }

    public Instant lastSeenFlushed() {
        return lastSeenFlushed;
    }

    public void lastSeenFlushed(Instant at) {
        this.lastSeenFlushed = at;
    }

    public String closeReason() {
        return closeReason;
    }

    public void send(String frame) {
        sender.send(frame);
    }

    /** Closes the socket; the reason is what MarkDisconnected will record. */
    public void close(int code, String reason) {
        if (closeReason == null) {
            closeReason = reason;
        }
        sender.close(code, reason);
    }

    // ---- inbound ----------------------------------------------------------------------------------------

    public enum Admission { QUEUED, DUPLICATE, CLOSED }

    public synchronized Admission offerInbound(Frame.Call call) {
        if (closed) {
            return Admission.CLOSED;
        }
        if (!inboundIds.add(call.messageId())) {
            return Admission.DUPLICATE;
        }
        inboundQueue.addLast(call);
        return Admission.QUEUED;
    }

    /** The next CALL to process, or null when one is in progress or none waits. */
    public synchronized Frame.Call takeInbound() {
        if (inboundBusy || inboundQueue.isEmpty()) {
            return null;
        }
        inboundBusy = true;
        return inboundQueue.pollFirst();
    }

    public synchronized void inboundDone(String messageId) {
        inboundIds.remove(messageId);
        inboundBusy = false;
    }

    /** Lets inbound processing begin (called once the connection is recorded). */
    public synchronized void openInbound() {
        inboundBusy = false;
    }

    // ---- outbound ---------------------------------------------------------------------------------------

    /** A CALL from the central system to this charger, waiting for its answer. */
    public static final class OutboundCall {
        final String messageId;
        final String action;
        final JsonNode payload;
        final CompletableFuture<JsonNode> answer;
        ScheduledFuture<?> timeout;

        public OutboundCall(String messageId, String action, JsonNode payload, CompletableFuture<JsonNode> answer) {
            this.messageId = messageId;
            this.action = action;
            this.payload = payload;
            this.answer = answer;
        }

        public String messageId() {
            return messageId;
        }

        public String action() {
            return action;
        }

        public JsonNode payload() {
            return payload;
        }

        public CompletableFuture<JsonNode> answer() {
            return answer;
        }

        public void timeout(ScheduledFuture<?> timeout) {
            this.timeout = timeout;
        }
    }

    /** Queues a call; returns it when it may be sent right away (nothing outstanding). */
    public synchronized OutboundCall enqueueOutbound(OutboundCall call) {
        if (closed) {
            return null;
        }
        if (outstanding == null) {
            outstanding = call;
            return call;
        }
        outboundQueue.addLast(call);
        return null;
    }

    /** The call just finished, and the queued one that now becomes outstanding and must be sent. */
    public record Advance(OutboundCall done, OutboundCall next) {
    }

    /** Ends the outstanding call if messageId is its id; null when nothing outstanding has that id. */
    public synchronized Advance completeOutstanding(String messageId) {
        if (outstanding == null || !outstanding.messageId.equals(messageId)) {
            return null;
        }
        OutboundCall done = outstanding;
        if (done.timeout != null) {
            done.timeout.cancel(false);
        }
        outstanding = outboundQueue.pollFirst();
        return new Advance(done, outstanding);
    }

    public synchronized OutboundCall outstanding() {
        return outstanding;
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /** Marks the connection closed and hands back every call still waiting, to be failed by the caller. */
    public synchronized Deque<OutboundCall> markClosed() {
        closed = true;
        Deque<OutboundCall> unanswered = new ArrayDeque<>();
        if (outstanding != null) {
            if (outstanding.timeout != null) {
                outstanding.timeout.cancel(false);
            }
            unanswered.add(outstanding);
            outstanding = null;
        }
        unanswered.addAll(outboundQueue);
        outboundQueue.clear();
        inboundQueue.clear();
        return unanswered;
    }

    /** Writes frames to the socket and closes it; implemented over the WebSocket session. */
    public interface FrameSender {
        void send(String frame);

        void close(int code, String reason);
    }
}
