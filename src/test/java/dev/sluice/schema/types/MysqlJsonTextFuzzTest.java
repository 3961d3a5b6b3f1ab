package dev.sluice.schema.types;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.Fuzz;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import static dev.sluice.schema.types.MysqlJsonTextTest.smallArrayOfInlined;
import static dev.sluice.schema.types.MysqlJsonTextTest.smallObject;
import static dev.sluice.schema.types.MysqlJsonTextTest.string;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * MySQL's binary JSON decoder on mutated documents: every input is either rendered as text that
 * parses as JSON or refused with an IOException, never another exception and never a hang.
 */
class MysqlJsonTextFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<byte[]> seeds() {
        byte[] nested = smallObject("inner", new MysqlJsonTextTest.Value(0x00, java.util.Arrays.copyOfRange(
                smallObject("a", string("x"), "b", smallArrayOfInlined()), 1, Integer.MAX_VALUE / 2 > 0
                        ? smallObject("a", string("x"), "b", smallArrayOfInlined()).length : 0)),
                "list", smallArrayOfInlined());
        byte[] dbl = ByteBuffer.allocate(9).order(ByteOrder.LITTLE_ENDIAN).put((byte) 0x0b).putDouble(2.5).array();
        byte[] int64 = ByteBuffer.allocate(9).order(ByteOrder.LITTLE_ENDIAN).put((byte) 0x09).putLong(-7L).array();
        return List.of(smallObject("a", string("x\"y\\z\n\u00e9\u20ac"), "b", smallArrayOfInlined()),
                smallObject("k", string("beyond the BMP: \ud83d\ude00"), "l", string("")), nested, dbl, int64,
                new byte[] {0x0c, 3, 'a', 'b', 'c'}, new byte[] {0x04, 1});
    }

    @Test
    void mutatedDocumentsRenderAsJsonOrAreRefused() {
        List<byte[]> seeds = seeds();
        Random random = Fuzz.random("mysql-json");
        int iterations = Fuzz.iterations(50_000);
        int[] outcome = new int[2];
        int[] contents = new int[1];
        assertTimeoutPreemptively(Duration.ofMinutes(10), () -> {
            for (int i = 0; i < iterations; i++) {
                byte[] binary = Fuzz.mutate(random, seeds.get(random.nextInt(seeds.size())));
                boolean binaryForm = binary.length > 0 && (binary[0] & 0xFF) <= 0x0f;
                try {
                    byte[] text = MysqlJsonText.renderUtf8(binary);
                    outcome[0]++;
                    if (binaryForm) {
                        try {
                            // String bytes are copied as they are: the server stores only valid utf8mb4
                            // (and the binlog checksum guards them), so only the structure is checked here.
                            JSON.readTree(Fuzz.text(text));
                        } catch (IOException notJson) {
                            String shown = Fuzz.text(text);
                            fail(Fuzz.describe("mysql-json", i, binary) + "\nrendered as text that is not JSON ("
                                    + notJson.getMessage().lines().findFirst().orElse("") + "): "
                                    + shown.substring(0, Math.min(300, shown.length())));
                        }
                    }
                    byte[] content = MysqlJsonText.renderAsStringContent(binary);
                    if (binaryForm && content != null && isUtf8(text)) {
                        String quoted = JSON.writeValueAsString(new String(text, StandardCharsets.UTF_8));
                        String expected = quoted.substring(1, quoted.length() - 1);
                        if (!expected.equals(new String(content, StandardCharsets.UTF_8))) {
                            fail(Fuzz.describe("mysql-json", i, binary) + "\nas string content: "
                                    + new String(content, StandardCharsets.UTF_8) + "\nexpected the text escaped: "
                                    + expected);
                        }
                        contents[0]++;
                    }
                } catch (IOException refused) {
                    outcome[1]++;
                } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                    fail(Fuzz.describe("mysql-json", i, binary) + "\n" + e, e);
                }
            }
        }, "the decoder must not hang (a hang shows as this timeout)");
        assertTrue(outcome[0] > 0 && outcome[1] > 0, "rendered " + outcome[0] + ", refused " + outcome[1]);
        assertTrue(contents[0] > 0, "no document was compared as string content");
    }

    private static boolean isUtf8(byte[] text) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(text));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }
}
