package io.chargeledger.api.ocpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chargeledger.api.support.ApiClient;
import io.chargeledger.api.support.ApiIntegrationTest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every payload the server sends validates against the official OCPP 1.6 JSON schemas, checked by an independent
 * OCPP-J implementation: the npm library {@code ocpp-rpc} in strict mode (src/test/node/strict-charge-point.mjs).
 * Strict mode validates each CALLRESULT the server answers and each CALL the server sends against the schemas
 * bundled with ocpp-rpc; the script first proves that strict mode is in force, and exits non-zero on any violation.
 *
 * <p>Needs Node.js 18+ on the PATH and {@code npm ci} run in src/test/node ({@code ./mvnw verify} runs it). A missing
 * node fails this test: it never skips.
 */
class OcppRpcStrictClientTest extends ApiIntegrationTest {

    private static final String KEY = "ocpp-rpc-strict-key-0123";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(60);

    /** operation, request payload, what the script's charge point answers (see {@code replies} in the script). */
    private static final List<String[]> OPERATIONS = List.of(
            new String[] {"RemoteStartTransaction", "{\"connectorId\":1,\"idTag\":\"TAG-STRICT\",\"chargingProfile\":{"
                    + "\"chargingProfileId\":7,\"stackLevel\":0,\"chargingProfilePurpose\":\"TxProfile\","
                    + "\"chargingProfileKind\":\"Absolute\",\"chargingSchedule\":{\"chargingRateUnit\":\"A\","
                    + "\"chargingSchedulePeriod\":[{\"startPeriod\":0,\"limit\":16.5}]}}}",
                    "{\"status\":\"Accepted\"}"},
            new String[] {"RemoteStopTransaction", "{\"transactionId\":42}", "{\"status\":\"Rejected\"}"},
            new String[] {"Reset", "{\"type\":\"Soft\"}", "{\"status\":\"Accepted\"}"},
            new String[] {"ChangeAvailability", "{\"connectorId\":0,\"type\":\"Inoperative\"}", "{\"status\":\"Scheduled\"}"},
            new String[] {"ChangeConfiguration", "{\"key\":\"HeartbeatInterval\",\"value\":\"60\"}", "{\"status\":\"Accepted\"}"},
            new String[] {"GetConfiguration", "{\"key\":[\"HeartbeatInterval\",\"NoSuchKey\"]}",
                    "{\"configurationKey\":[{\"key\":\"HeartbeatInterval\",\"readonly\":false,\"value\":\"300\"}],"
                            + "\"unknownKey\":[\"NoSuchKey\"]}"},
            new String[] {"ClearCache", "{}", "{\"status\":\"Accepted\"}"},
            new String[] {"UnlockConnector", "{\"connectorId\":1}", "{\"status\":\"Unlocked\"}"},
            new String[] {"TriggerMessage", "{\"requestedMessage\":\"StatusNotification\",\"connectorId\":1}",
                    "{\"status\":\"Accepted\"}"},
            new String[] {"DataTransfer", "{\"vendorId\":\"com.example\",\"messageId\":\"ping\",\"data\":\"1\"}",
                    "{\"status\":\"Accepted\",\"data\":\"pong:ping\"}"});

    @Test
    void everyAnswerToTheChargersMessagesValidatesAgainstTheOcpp16Schemas() throws Exception {
        String id = registerCharger("RPC-IN", KEY);
        try (Script script = Script.start(ocppBaseUrl(id), id, KEY, "inbound")) {
            int exit = script.awaitExit();
            assertThat(exit).as(script.report()).isZero();

            List<JsonNode> lines = script.jsonLines();
            assertThat(lines.get(0)).as(script.report()).isEqualTo(json("{\"strictMode\":\"verified\",\"protocol\":\"ocpp1.6\"}"));
            JsonNode boot = answerTo(lines, "BootNotification", 1);
            assertThat(boot.path("status").asText()).isEqualTo("Accepted");
            assertThat(boot.path("interval").isInt()).isTrue();
            assertThat(boot.path("currentTime").asText()).isNotBlank();
            assertThat(answerTo(lines, "Heartbeat", 1).path("currentTime").asText()).isNotBlank();
            assertThat(answerTo(lines, "StatusNotification", 2)).isEqualTo(json("{}"));
            assertThat(answerTo(lines, "DataTransfer", 1).path("status").asText()).isEqualTo("UnknownVendorId");
            assertThat(answerTo(lines, "DiagnosticsStatusNotification", 1)).isEqualTo(json("{}"));
            assertThat(answerTo(lines, "FirmwareStatusNotification", 1)).isEqualTo(json("{}"));
            assertThat(answerTo(lines, "Authorize", 1).path("idTagInfo").path("status").asText()).isEqualTo("Invalid");
            JsonNode started = answerTo(lines, "StartTransaction", 1);
            assertThat(started.path("transactionId").asInt()).isPositive();
            assertThat(started.path("idTagInfo").path("status").asText()).isEqualTo("Invalid");
            assertThat(answerTo(lines, "MeterValues", 1)).isEqualTo(json("{}"));
            assertThat(answerTo(lines, "StopTransaction", 1).path("idTagInfo").path("status").asText()).isEqualTo("Invalid");
            assertThat(lines.get(lines.size() - 1)).isEqualTo(json("{\"result\":\"ok\",\"scenario\":\"inbound\",\"calls\":11}"));
        }
    }

    @Test
    void everyOperationTheServerSendsValidatesAgainstTheOcpp16Schemas() throws Exception {
        String id = registerCharger("RPC-OUT", KEY);
        try (Script script = Script.start(ocppBaseUrl(id), id, KEY, "outbound", String.valueOf(OPERATIONS.size()))) {
            script.awaitLine("READY", Duration.ofSeconds(30));

            for (String[] operation : OPERATIONS) {
                ApiClient.Response response = admin().post("/api/chargers/" + id + "/operations/" + operation[0], operation[1]);
                assertThat(response.status()).as(operation[0] + ": " + response.body() + "\n" + script.report()).isEqualTo(200);
                assertThat(response.json()).as(operation[0]).isEqualTo(json(operation[2]));
            }

            int exit = script.awaitExit();
            assertThat(exit).as(script.report()).isZero();
            List<JsonNode> lines = script.jsonLines();
            List<JsonNode> received = lines.stream().filter(line -> line.has("received")).toList();
            assertThat(received).as(script.report()).hasSize(OPERATIONS.size());
            for (int i = 0; i < OPERATIONS.size(); i++) {
                String[] operation = OPERATIONS.get(i);
                JsonNode call = received.get(i);
                assertThat(call.path("received").asText()).isEqualTo(operation[0]);
                assertThat(call.path("payload")).as(operation[0]).isEqualTo(json(operation[1]));
                assertThat(call.path("reply")).as(operation[0]).isEqualTo(json(operation[2]));
            }
            // the StatusNotification the charger sent because TriggerMessage asked for it was answered validly too
            assertThat(answerTo(lines, "StatusNotification", 1)).isEqualTo(json("{}"));
            assertThat(lines.get(lines.size() - 1))
                    .isEqualTo(json("{\"result\":\"ok\",\"scenario\":\"outbound\",\"calls\":" + OPERATIONS.size() + "}"));
        }
    }

    /** The answer the script printed for this action; checks it printed exactly {@code expectedCount} of them. */
    private static JsonNode answerTo(List<JsonNode> lines, String action, int expectedCount) {
        List<JsonNode> answers = lines.stream().filter(line -> action.equals(line.path("action").asText()))
                .map(line -> line.get("response")).toList();
        assertThat(answers).as("answers to " + action + " in " + lines).hasSize(expectedCount);
        return answers.get(0);
    }

    private String ocppBaseUrl(String chargePointId) {
        String url = ocppUrl(chargePointId);
        return url.substring(0, url.length() - chargePointId.length() - 1);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** strict-charge-point.mjs running under node, its stdout lines collected as they come. */
    private static final class Script implements AutoCloseable {

        private final Process process;
        private final BlockingQueue<String> pending = new LinkedBlockingQueue<>();
        private final List<String> stdout = java.util.Collections.synchronizedList(new ArrayList<>());
        private final StringBuffer stderr = new StringBuffer();
        private final Thread stdoutReader;
        private final Thread stderrReader;

        private Script(Process process) {
            this.process = process;
            this.stdoutReader = pump(process.getInputStream(), line -> {
                stdout.add(line);
                pending.add(line);
            });
            this.stderrReader = pump(process.getErrorStream(), line -> stderr.append(line).append('\n'));
        }

        static Script start(String baseUrl, String chargePointId, String password, String... scenario) {
            Path dir = nodeProjectDirectory();
            List<String> command = new ArrayList<>(List.of("node", "strict-charge-point.mjs", baseUrl, chargePointId, password));
            command.addAll(List.of(scenario));
            try {
                return new Script(new ProcessBuilder(command).directory(dir.toFile()).start());
            } catch (IOException e) {
                throw new AssertionError("Cannot run 'node' (Node.js 18 or newer must be on the PATH; CI installs it). "
                        + "This test proves the server's OCPP payloads against the ocpp-rpc library and must not be "
                        + "skipped: " + e.getMessage(), e);
            }
        }

        private static Path nodeProjectDirectory() {
            for (Path candidate : List.of(Path.of("src/test/node"), Path.of("api/src/test/node"))) {
                if (Files.isRegularFile(candidate.resolve("strict-charge-point.mjs"))) {
                    if (!Files.isDirectory(candidate.resolve("node_modules/ocpp-rpc"))) {
                        fail("ocpp-rpc is not installed in " + candidate.toAbsolutePath()
                                + ": run 'npm ci' there (./mvnw verify does it in generate-test-resources)");
                    }
                    return candidate;
                }
            }
            throw new AssertionError("strict-charge-point.mjs not found under " + Path.of("").toAbsolutePath());
        }

        private static Thread pump(InputStream stream, java.util.function.Consumer<String> sink) {
            Thread thread = new Thread(() -> {
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        sink.accept(line);
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            }, "strict-charge-point-output");
            thread.setDaemon(true);
            thread.start();
            return thread;
        }

        void awaitLine(String expected, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                String line = pending.poll(100, TimeUnit.MILLISECONDS);
                if (expected.equals(line)) {
                    return;
                }
                if (line == null && !process.isAlive() && pending.isEmpty()) {
                    fail("strict-charge-point.mjs ended (exit " + process.exitValue() + ") before printing " + expected
                            + "\n" + report());
                }
            }
            fail("strict-charge-point.mjs did not print " + expected + " within " + timeout + "\n" + report());
        }

        int awaitExit() throws InterruptedException {
            if (!process.waitFor(SCRIPT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                fail("strict-charge-point.mjs did not end within " + SCRIPT_TIMEOUT + "\n" + report());
            }
            stdoutReader.join(5_000);
            stderrReader.join(5_000);
            return process.exitValue();
        }

        List<JsonNode> jsonLines() {
            synchronized (stdout) {
                return stdout.stream().filter(line -> line.startsWith("{")).map(OcppRpcStrictClientTest::json).toList();
            }
        }

        String report() {
            synchronized (stdout) {
                return "--- stdout of strict-charge-point.mjs ---\n" + String.join("\n", stdout)
                        + "\n--- stderr ---\n" + stderr;
            }
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }
}
