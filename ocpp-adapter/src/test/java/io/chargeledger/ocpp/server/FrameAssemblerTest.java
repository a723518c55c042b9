package io.chargeledger.ocpp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FrameAssemblerTest {

    @Test
    void aFrameInOnePartPassesThrough() {
        assertThat(new FrameAssembler(100).add("[2,\"a\",\"Heartbeat\",{}]", true)).isEqualTo("[2,\"a\",\"Heartbeat\",{}]");
    }

    @Test
    void partsAreJoinedAndTheAssemblerIsReadyForTheNextFrame() {
        FrameAssembler assembler = new FrameAssembler(100);
        assertThat(assembler.add("[2,\"a\",", false)).isNull();
        assertThat(assembler.add("\"Heartbeat\",", false)).isNull();
        assertThat(assembler.add("{}]", true)).isEqualTo("[2,\"a\",\"Heartbeat\",{}]");
        assertThat(assembler.add("[2,\"b\",\"Heartbeat\",{}]", true)).isEqualTo("[2,\"b\",\"Heartbeat\",{}]");
    }

    @Test
    void theLimitIsInclusiveAndCountsAllParts() {
        FrameAssembler assembler = new FrameAssembler(10);
        assertThat(assembler.add("12345", false)).isNull();
        assertThat(assembler.add("67890", true)).isEqualTo("1234567890");
        assertThat(assembler.add("123456", false)).isNull();
        assertThatThrownBy(() -> assembler.add("78901", true))
                .isInstanceOf(FrameAssembler.FrameTooLargeException.class)
                .hasMessage("Frame larger than 10 bytes");
    }

    @Test
    void utf8LengthMatchesTheEncoder() {
        String text = "a\u00e9\u20ac\uD83D\uDE00z";
        assertThat(FrameAssembler.utf8Length(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        assertThatThrownBy(() -> new FrameAssembler(5).add("\u20ac\u20ac", true))
                .isInstanceOf(FrameAssembler.FrameTooLargeException.class);
    }
}
