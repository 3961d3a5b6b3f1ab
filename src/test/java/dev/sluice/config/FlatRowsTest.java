package dev.sluice.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** add.fields as ExtractNewRecordState names them: bare names resolved to their block, prefix and renames. */
class FlatRowsTest {

    @Test
    void addedFieldsResolveAndRename() {
        assertEquals(List.of(new FlatRows.AddedField(null, "op", "__op"),
                new FlatRows.AddedField("source", "table", "__table"),
                new FlatRows.AddedField("source", "ts_ms", "__source_ts_ms"),
                new FlatRows.AddedField("transaction", "id", "__id"),
                new FlatRows.AddedField("source", "db", "__database"),
                new FlatRows.AddedField(null, "ts_ms", "__ts_ms")),
                FlatRows.addedFields("op, table,source.ts_ms, id, source.db:database,ts_ms"));
    }

    @Test
    void unknownFieldsAndModesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FlatRows.addedFields("op,source.nope"));
        assertTrue(e.getMessage().startsWith("'source.nope' is not a field"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FlatRows.addedFields("after.id"));
        assertEquals(FlatRows.DeleteHandling.REWRITE_WITH_TOMBSTONE, FlatRows.deleteHandling("rewrite-with-tombstone"));
        assertThrows(IllegalArgumentException.class, () -> FlatRows.deleteHandling("none"));
    }
}
