package dev.sluice.snapshot;

import dev.sluice.Fuzz;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Signals from the table and the topic, mutated: each is read as a signal or refused with a
 * {@link MalformedSignalException} whose message is one short line, never another exception.
 */
class SignalFuzzTest {

    private static final List<String> TYPES = List.of("execute-snapshot", "stop-snapshot", "pause-snapshot",
            "resume-snapshot", "log", "snapshot-window-open", "EXECUTE-SNAPSHOT");
    private static final List<String> DATA = List.of(
            "{\"data-collections\": [\"shop.orders\", \"shop.items\"]}",
            "{\"type\": \"incremental\", \"data-collections\": [\"shop.orders\"], \"additional-conditions\":"
                    + " [{\"data-collection\": \"shop.orders\", \"filter\": \"id > 10\"}]}",
            "{\"message\": \"hello\"}", "{}", "");
    private static final List<String> WORDS = List.of("{", "}", "[", "]", "\"", ",", ":", "null", "true", "1e999",
            "\"data-collections\"", "\"additional-conditions\"", "\"filter\"", "\"type\"", "\\u0000", "\\", ".",
            "\"data-collection\"", "[[[[[[", "-0", "\"blocking\"");

    @Test
    void mutatedSignalsAreReadOrRefusedInOneLine() {
        Random random = Fuzz.random("signals");
        int iterations = Fuzz.iterations(50_000);
        int[] outcome = new int[2];
        assertTimeoutPreemptively(Duration.ofMinutes(10), () -> {
            for (int i = 0; i < iterations; i++) {
                String type = random.nextInt(4) == 0 ? Fuzz.mutate(random, TYPES.get(random.nextInt(TYPES.size())),
                        WORDS) : TYPES.get(random.nextInt(TYPES.size()));
                String data = Fuzz.mutate(random, DATA.get(random.nextInt(DATA.size())), WORDS);
                String message = "{\"type\": \"" + type.replace("\\", "\\\\").replace("\"", "\\\"") + "\", \"data\": "
                        + data + "}";
                String input = type + " | " + data;
                try {
                    Signal.parse("fuzz-" + i, type, data);
                    outcome[0]++;
                } catch (MalformedSignalException e) {
                    outcome[1]++;
                    assertOneLine(e, i, input);
                } catch (RuntimeException | StackOverflowError e) {
                    fail(Fuzz.describe("signal-table", i, input) + "\n" + e, e);
                }
                try {
                    KafkaSignalChannel.parse("kafka:0@" + i, random.nextBoolean()
                            ? message.getBytes(StandardCharsets.UTF_8)
                            : Fuzz.mutate(random, message.getBytes(StandardCharsets.UTF_8)));
                } catch (MalformedSignalException e) {
                    assertOneLine(e, i, message);
                } catch (RuntimeException | StackOverflowError e) {
                    fail(Fuzz.describe("signal-topic", i, message) + "\n" + e, e);
                }
            }
        }, "signal parsing must not hang (a hang shows as this timeout)");
        assertTrue(outcome[0] > 0 && outcome[1] > 0, "read " + outcome[0] + ", refused " + outcome[1]);
    }

    private static void assertOneLine(MalformedSignalException e, int i, String input) {
        String message = e.getMessage();
        assertTrue(message != null && !message.isBlank() && message.length() < 600 && message.lines().count() == 1,
                Fuzz.describe("signal", i, input) + "\nrefused with: " + message);
    }
}
