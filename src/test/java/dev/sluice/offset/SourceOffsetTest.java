package dev.sluice.offset;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SourceOffsetTest {

    private static final String UUID = "3e11fa47-71ca-11e1-9e33-c80aa9429562";

    @Test
    void jsonRoundTripWithDebeziumFieldNames() {
        SourceOffset offset = new SourceOffset("mysql-bin.000003", 154, UUID + ":1-5", 2, 7, 223344, 1_700_000_000);
        String json = new String(offset.toJson(), StandardCharsets.UTF_8);
        assertEquals("{\"file\":\"mysql-bin.000003\",\"pos\":154,\"gtids\":\"" + UUID + ":1-5\",\"event\":2,\"row\":7,"
                + "\"server_id\":223344,\"ts_sec\":1700000000,\"format\":1}", json);
        assertEquals(offset, SourceOffset.fromJson(offset.toJson()));
    }

    @Test
    void theServerWhoseBinlogThePositionNamesIsKept() {
        SourceOffset offset = new SourceOffset("mysql-bin.000003", 154, UUID + ":1-5", 0, 0, 1, 2, null, null, null,
                null, UUID);
        assertTrue(new String(offset.toJson(), StandardCharsets.UTF_8).contains("\"source_server\":\"" + UUID + "\""));
        SourceOffset read = SourceOffset.fromJson(offset.toJson());
        assertEquals(UUID, read.sourceServer());
        assertEquals(UUID, read.withSnapshotDone(List.of()).withIncremental("{}").sourceServer());
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

    @Test
    void handEditedOrNewerValuesAreRefused() {
        assertTrue(refusal("{\"file\":\"b.000001\",\"pos\":4,\"format\":2}").startsWith("written by a newer Sluice"));
        assertTrue(refusal("{\"file\":\"b.000001\",\"pos\":-5}").contains("before the first event"));
        assertTrue(refusal("{\"file\":\"b.000001\",\"pos\":4,\"row\":-1}").contains("cannot be negative"));
        assertTrue(refusal("{\"file\":\"b.000001\",\"pos\":4,\"gtids\":\"garbage\"}").contains("not a GTID set"));
        assertTrue(refusal("{\"file\":\"b.000001\",\"pos\":4,\"gtids\":\"0-1-5,x\"}").contains("not a GTID set"));
    }

    @Test
    void everyRealGtidNotationIsAccepted() {
        for (String gtids : new String[] {"", "0-1-100", "0-1-100,1-2-7",
                "3E11FA47-71CA-11E1-9E33-C80AA9429562:1-5:7",
                "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5,\\n4e11fa47-71ca-11e1-9e33-c80aa9429562:1-3",
                "3e11fa47-71ca-11e1-9e33-c80aa9429562:tag_1:1-5:9"}) {
            String json = "{\"file\":\"b.000001\",\"pos\":4,\"gtids\":\"" + gtids + "\"}";
            assertEquals(gtids.replace("\\n", "\n"), SourceOffset.fromJson(json.getBytes(StandardCharsets.UTF_8)).gtids());
        }
    }

    @Test
    void aSnapshotInsideATableKeepsItsLastKey() {
        SourceOffset offset = new SourceOffset("b.000001", 4, null, 0, 0, 1, 2, List.of("db.a"))
                .withSnapshotAt(new SourceOffset.SnapshotAt("db.b", java.util.Arrays.asList("7", null, "x")));
        SourceOffset read = SourceOffset.fromJson(offset.toJson());
        assertEquals(List.of("db.a"), read.snapshotDone());
        assertEquals("db.b", read.snapshotAt().table());
        assertEquals(java.util.Arrays.asList("7", null, "x"), read.snapshotAt().after());
        assertEquals(null, read.withSnapshotDone(List.of("db.a", "db.b")).snapshotAt(), "a finished table ends it");
    }

    private static String refusal(String json) {
        return assertThrows(IllegalArgumentException.class,
                () -> SourceOffset.fromJson(json.getBytes(StandardCharsets.UTF_8))).getMessage();
    }
}
