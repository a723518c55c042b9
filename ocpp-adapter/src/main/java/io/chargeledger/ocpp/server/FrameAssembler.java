package io.chargeledger.ocpp.server;

/**
 * Joins a text frame that the WebSocket container hands over in parts and enforces the frame size limit in
 * UTF-8 bytes, as the OCPP-J size limit is meant. The container keeps only a small buffer per connection, so
 * an idle charger costs little memory; the rare large frame is assembled here and forgotten once complete.
 * One assembler serves one connection, whose frames the container delivers one at a time.
 */
final class FrameAssembler {

    private final int maxFrameBytes;
    private StringBuilder pending;
    private long pendingBytes;

    FrameAssembler(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    /**
     * Adds one part; returns the whole frame after its last part, or null while parts are missing.
     *
     * @throws FrameTooLargeException once the frame has grown past the limit
     */
    String add(String part, boolean last) {
        // a char is at most 3 UTF-8 bytes: a whole frame this short needs no counting (the common case)
        if (last && pending == null && (long) part.length() * 3 <= maxFrameBytes) {
            return part;
        }
        long bytes = pendingBytes + utf8Length(part);
        if (bytes > maxFrameBytes) {
            pending = null;
            pendingBytes = 0;
            throw new FrameTooLargeException(maxFrameBytes);
        }
        if (last && pending == null) {
            return part;
        }
        if (pending == null) {
            pending = new StringBuilder(part.length() * 2);
        }
        pending.append(part);
        pendingBytes = bytes;
        if (!last) {
            return null;
        }
        String frame = pending.toString();
        pending = null;
        pendingBytes = 0;
        return frame;
    }

    /** UTF-8 length without encoding: one byte per ASCII char, which OCPP frames almost only hold. */
    static long utf8Length(CharSequence text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    static final class FrameTooLargeException extends RuntimeException {
        FrameTooLargeException(int maxFrameBytes) {
            super("Frame larger than " + maxFrameBytes + " bytes");
        }
    }
}
