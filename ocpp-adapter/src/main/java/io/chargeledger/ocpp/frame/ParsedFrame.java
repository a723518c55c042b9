package io.chargeledger.ocpp.frame;

import io.chargeledger.ocpp.validation.CallErrorCode;

/** The outcome of reading a text frame: a well-formed {@link Frame}, or what to answer for a malformed one. */
public sealed interface ParsedFrame {

    record WellFormed(Frame frame) implements ParsedFrame {
    }

    /**
     * A frame that breaks OCPP-J. With a readable message id it is answered with a CALLERROR; without one
     * there is nobody to answer, so the socket closes with {@code closeCode}.
     */
    record Malformed(String messageId, CallErrorCode code, String description, int closeCode) implements ParsedFrame {

        public boolean answerable() {
            return messageId != null;
        }
    }
}
