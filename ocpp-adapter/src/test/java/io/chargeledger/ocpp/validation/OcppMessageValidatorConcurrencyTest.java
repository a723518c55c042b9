package io.chargeledger.ocpp.validation;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.chargeledger.ocpp.validation.OcppExamples.json;
import static org.assertj.core.api.Assertions.assertThat;

/** One shared instance serves many connection threads; throughput is printed, not asserted. */
class OcppMessageValidatorConcurrencyTest {

    private static final OcppMessageValidator VALIDATOR = new OcppMessageValidator();
    private static final JsonNode METER_VALUES = json(OcppExamples.METER_VALUES_THREE_PHASE);
    private static final JsonNode BAD_METER_VALUES = json("""
            {"connectorId": 1, "meterValue": [{"timestamp": "2026-11-25T10:00:00Z",
              "sampledValue": [{"value": "1", "unit": "kwh"}]}]}""");

    @Test
    void sharedInstanceGivesTheSameAnswersFromManyThreads() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int seed = t;
                tasks.add(() -> {
                    int checked = 0;
                    for (int i = 0; i < 2_000; i++) {
                        if ((i + seed) % 3 == 0) {
                            Optional<ValidationFailure> failure = VALIDATOR.validateRequest("MeterValues", BAD_METER_VALUES);
                            assertThat(failure).get().isEqualTo(new ValidationFailure(
                                    CallErrorCode.PROPERTY_CONSTRAINT_VIOLATION,
                                    "meterValue[0].sampledValue[0].unit: value 'kwh' is not allowed, expected one of "
                                            + "[Wh, kWh, varh, kvarh, W, kW, VA, kVA, var, kvar, A, V, K, Celcius, "
                                            + "Celsius, Fahrenheit, Percent]"));
                        } else {
                            String action = i % 2 == 0 ? "MeterValues" : "StopTransaction";
                            assertThat(VALIDATOR.validateRequest(action, json(OcppExamples.REQUESTS.get(action))))
                                    .isEmpty();
                        }
                        checked++;
                    }
                    return checked;
                });
            }
            int total = 0;
            for (Future<Integer> result : pool.invokeAll(tasks)) {
                total += result.get();
            }
            assertThat(total).isEqualTo(threads * 2_000);
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void printsMeterValuesThroughput() throws Exception {
        for (int i = 0; i < 20_000; i++) { // warm up
            VALIDATOR.validateRequest("MeterValues", METER_VALUES);
        }
        long single = measure(1, METER_VALUES);
        com.fasterxml.jackson.databind.node.ObjectNode sameSizeButInvalid = METER_VALUES.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) sameSizeButInvalid.at("/meterValue/0/sampledValue/10"))
                .put("unit", "percent");
        assertThat(VALIDATOR.validateRequest("MeterValues", sameSizeButInvalid)).isPresent();
        long invalid = measure(1, sameSizeButInvalid);
        int cores = Math.max(2, Runtime.getRuntime().availableProcessors());
        long parallel = measure(cores, METER_VALUES);
        String report = String.format(
                "MeterValues validation throughput (11 + 1 sampledValues): %,d validations/s on 1 thread (valid), "
                        + "%,d validations/s on 1 thread (same payload, one invalid unit), %,d validations/s on %d threads (valid)",
                single, invalid, parallel, cores);
        System.out.println(report);
        assertThat(single).isPositive();
    }

    /** Validations per second over ~0.5 s on {@code threads} threads. */
    private static long measure(int threads, JsonNode payload) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
            List<Callable<Long>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                tasks.add(() -> {
                    long count = 0;
                    while (System.nanoTime() < deadline) {
                        for (int i = 0; i < 100; i++) {
                            VALIDATOR.validateRequest("MeterValues", payload);
                        }
                        count += 100;
                    }
                    return count;
                });
            }
            long start = System.nanoTime();
            long total = 0;
            for (Future<Long> f : pool.invokeAll(tasks)) {
                total += f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return (long) (total / seconds);
        } finally {
            pool.shutdown();
        }
    }
}
