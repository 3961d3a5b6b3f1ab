package dev.sluice.source.binlog;

import dev.sluice.Fuzz;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import static dev.sluice.source.binlog.JsonDiffsTest.diff;
import static dev.sluice.source.binlog.JsonDiffsTest.json;
import static dev.sluice.source.binlog.JsonDiffsTest.small;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Partial JSON updates on mutated documents and mutated diffs: each either yields a document that
 * reads back or is refused with an IOException, never another exception and never a hang.
 */
class JsonDiffsFuzzTest {

    @Test
    void mutatedDocumentsAndDiffsApplyOrAreRefused() {
        List<byte[]> documents = List.of(small(json("{\"a\": 1, \"b\": [1, 2, 3], \"c\": {\"d\": \"x\"}}")),
                small(json("[true, null, -5, 2.5, \"s\", {\"k\": []}]")), small(json("{\"deep\": {\"er\": {\"est\": 1}}}")));
        List<byte[]> diffs = List.of(diff(0, "$.a", "2"), diff(1, "$.c.e", "null"), diff(2, "$.b[1]", null),
                diff(0, "$.b[last]", "9"), diff(1, "$.b[7]", "\"z\""), diff(0, "$", "[true]"),
                diff(0, "$.deep.er", "{\"x\": [1, 2]}"), diff(2, "$[5].k", null));
        Random random = Fuzz.random("json-diffs");
        int iterations = Fuzz.iterations(50_000);
        int[] outcome = new int[2];
        assertTimeoutPreemptively(Duration.ofMinutes(10), () -> {
            for (int i = 0; i < iterations; i++) {
                byte[] before = documents.get(random.nextInt(documents.size()));
                byte[] change = diffs.get(random.nextInt(diffs.size()));
                if (random.nextBoolean()) {
                    before = Fuzz.mutate(random, before);
                } else {
                    change = Fuzz.mutate(random, change);
                }
                try {
                    JsonDocument.parse(JsonDiffs.apply(before, change));
                    outcome[0]++;
                } catch (IOException refused) {
                    outcome[1]++;
                } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                    fail(Fuzz.describe("json-diffs", i, before) + " with diff "
                            + java.util.HexFormat.of().formatHex(change) + "\n" + e, e);
                }
            }
        }, "applying diffs must not hang (a hang shows as this timeout)");
        assertTrue(outcome[0] > 0 && outcome[1] > 0, "applied " + outcome[0] + ", refused " + outcome[1]);
    }
}
