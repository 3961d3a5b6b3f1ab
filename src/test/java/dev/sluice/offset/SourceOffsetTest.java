package dev.sluice.offset;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SourceOffsetTest {

    @Test
    void jsonRoundTripWithDebeziumFieldNames() {
        SourceOffset offset = new SourceOffset("mysql-bin.000003", 154, "uuid:1-5", 2, 7, 223344, 1_700_000_000);
        String json = new String(offset.toJson(), StandardCharsets.UTF_8);
        assertEquals("{\"file\":\"mysql-bin.000003\",\"pos\":154,\"gtids\":\"uuid:1-5\",\"event\":2,\"row\":7,"
                + "\"server_id\":223344,\"ts_sec\":1700000000}", json);
        assertEquals(offset, SourceOffset.fromJson(offset.toJson()));
    }

    @Test
    void debeziumStyleValuesWithMissingOptionalFieldsAreRead() {
        SourceOffset offset = SourceOffset.fromJson(
                "{\"ts_sec\":1,\"file\":\"bin.000021\",\"pos\":999,\"transaction_id\":null}".getBytes(StandardCharsets.UTF_8));
        assertEquals(new SourceOffset("bin.000021", 999, null, 0, 0, 0, 1), offset);
        assertTrue(offset.isTransactionBoundary());
    }

    @Test
    void malformedValuesSayWhatIsWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SourceOffset.fromJson("{oops".getBytes(StandardCharsets.UTF_8))).getMessage().startsWith("not JSON"));
        assertEquals("needs a text 'file' and a numeric 'pos'", assertThrows(IllegalArgumentException.class,
                () -> SourceOffset.fromJson("{\"pos\":4}".getBytes(StandardCharsets.UTF_8))).getMessage());
        assertEquals("not a JSON object", assertThrows(IllegalArgumentException.class,
                () -> SourceOffset.fromJson("[1]".getBytes(StandardCharsets.UTF_8))).getMessage());
    }
}
