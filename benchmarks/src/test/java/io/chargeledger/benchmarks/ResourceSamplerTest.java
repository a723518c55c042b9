package io.chargeledger.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResourceSamplerTest {

    @Test
    void theLiveHeapIsTheTotalOfAClassHistogram() {
        String histogram = """
                12289:
                 num     #instances         #bytes  class name (module)
                -------------------------------------------------------
                   1:        924338      140796768  [B (java.base@17.0.15)
                   2:         40963       35004824  [C (java.base@17.0.15)
                Total       6334851      366031576
                """;
        assertThat(ResourceSampler.liveHeapMib(histogram)).isEqualTo(366031576 / 1048576.0);
    }

    @Test
    void noHistogramNoFigure() {
        assertThat(ResourceSampler.liveHeapMib("12289:\ncom.sun.tools.attach.AttachNotSupportedException: Unable to open socket file")).isNull();
        assertThat(ResourceSampler.liveHeapMib("")).isNull();
    }
}
