package dev.sluice.snapshot;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignalTest {

    @Test
    void executeSnapshotWithConditions() {
        Signal signal = Signal.parse("s1", "execute-snapshot", """
                {"data-collections": ["Shop.Orders", "shop.items"], "type": "INCREMENTAL",
                 "additional-conditions": [{"data-collection": "shop.orders", "filter": "status = 'open'"}]}""");
        assertEquals(Signal.Kind.EXECUTE_SNAPSHOT, signal.kind());
        assertEquals(List.of("shop.orders", "shop.items"), signal.collections());
        assertEquals(Map.of("shop.orders", "status = 'open'"), signal.conditions());
    }

    @Test
    void stopWithoutDataStopsEverything() {
        Signal signal = Signal.parse("s2", "stop-snapshot", null);
        assertEquals(Signal.Kind.STOP_SNAPSHOT, signal.kind());
        assertTrue(signal.collections().isEmpty());
        assertEquals(List.of("a.b"), Signal.parse("s3", "stop-snapshot", "{\"data-collections\": [\"a.b\"]}").collections());
    }

    @Test
    void pauseResumeAndWatermarks() {
        assertEquals(Signal.Kind.PAUSE_SNAPSHOT, Signal.parse("p", "pause-snapshot", null).kind());
        assertEquals(Signal.Kind.RESUME_SNAPSHOT, Signal.parse("r", "resume-snapshot", "").kind());
        assertTrue(Signal.parse("x-open", "snapshot-window-open", null).isWatermark());
    }

    @Test
    void malformedSignalsSayWhatIsWrong() {
        assertEquals("unknown type 'explode' (expected execute-snapshot, stop-snapshot, pause-snapshot,"
                + " resume-snapshot or log)", reason("explode", "{}"));
        assertEquals("no type", reason(" ", "{}"));
        assertEquals("no data (expected a JSON object)", reason("execute-snapshot", null));
        assertTrue(reason("execute-snapshot", "{not json").startsWith("data is not JSON"));
        assertEquals("data is not a JSON object", reason("execute-snapshot", "[1]"));
        assertEquals("data-collections is missing (expected [\"db.table\", ...])", reason("execute-snapshot", "{}"));
        assertEquals("data-collections must be a non-empty array of \"db.table\" names",
                reason("execute-snapshot", "{\"data-collections\": []}"));
        assertEquals("data-collections entry \"orders\" is not a \"db.table\" name",
                reason("execute-snapshot", "{\"data-collections\": [\"orders\"]}"));
        assertEquals("snapshot type 'blocking' is not supported (only incremental)",
                reason("execute-snapshot", "{\"data-collections\": [\"a.b\"], \"type\": \"blocking\"}"));
        assertEquals("each additional condition needs a data-collection and a filter",
                reason("execute-snapshot", "{\"data-collections\": [\"a.b\"], \"additional-conditions\": [{}]}"));
    }

    @Test
    void kafkaMessagesCarryDataAsAnObject() {
        Signal signal = KafkaSignalChannel.parse("kafka:0@7", """
                {"type": "execute-snapshot", "data": {"data-collections": ["db.t"]}}""".getBytes(StandardCharsets.UTF_8));
        assertEquals("kafka:0@7", signal.id());
        assertEquals(List.of("db.t"), signal.collections());
        assertThrows(MalformedSignalException.class, () -> KafkaSignalChannel.parse("k", "nope".getBytes()));
        assertThrows(MalformedSignalException.class, () -> KafkaSignalChannel.parse("k", null));
        assertThrows(MalformedSignalException.class,
                () -> KafkaSignalChannel.parse("k", "{\"type\": \"snapshot-window-open\"}".getBytes()));
    }

    private static String reason(String type, String data) {
        return assertThrows(MalformedSignalException.class, () -> Signal.parse("id", type, data)).getMessage();
    }
}
