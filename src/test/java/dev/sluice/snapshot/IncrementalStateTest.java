package dev.sluice.snapshot;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IncrementalStateTest {

    @Test
    void progressThroughTablesAndBack() {
        IncrementalState state = IncrementalState.of(List.of("db.a", "db.b"), Map.of("db.b", "x > 1"));
        assertEquals("db.a", state.currentTable());
        assertFalse(state.begun());
        state = state.begin(List.of("100", new byte[] {1, 2})).readUpTo(List.of("42", new byte[] {0}));
        IncrementalState restored = IncrementalState.fromJson(state.toJson());
        assertEquals(List.of("db.a", "db.b"), restored.tables());
        assertEquals("42", restored.lastKey().get(0));
        assertArrayEquals(new byte[] {0}, (byte[]) restored.lastKey().get(1));
        assertArrayEquals(new byte[] {1, 2}, (byte[]) restored.maxKey().get(1));
        assertEquals(Map.of("db.b", "x > 1"), restored.conditions());

        IncrementalState next = restored.nextTable();
        assertEquals("db.b", next.currentTable());
        assertNull(next.lastKey());
        assertTrue(next.nextTable().isDone());
    }

    @Test
    void addingStoppingAndPausing() {
        IncrementalState state = IncrementalState.of(List.of("db.a"), Map.of()).begin(List.of("9"));
        state = state.plus(List.of("db.a", "db.c"), Map.of());
        assertEquals(List.of("db.a", "db.c"), state.tables());
        assertEquals(List.of("9"), state.without(List.of("db.c")).maxKey(), "the current table keeps its progress");
        IncrementalState stoppedCurrent = state.without(List.of("db.a"));
        assertEquals(List.of("db.c"), stoppedCurrent.tables());
        assertFalse(stoppedCurrent.begun());
        assertTrue(state.without(List.of()).isDone());
        IncrementalState paused = IncrementalState.fromJson(state.paused(true).toJson());
        assertTrue(paused.paused());
        assertFalse(paused.paused(false).paused());
    }

    @Test
    void unreadableStoredStateIsReported() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> IncrementalState.fromJson("{"))
                .getMessage().startsWith("the stored incremental snapshot is not JSON"));
        assertEquals("the stored incremental snapshot has no tables: {}",
                assertThrows(IllegalArgumentException.class, () -> IncrementalState.fromJson("{}")).getMessage());
        assertEquals("[db.a] after key [7] (paused)", IncrementalState.of(List.of("db.a"), Map.of())
                .readUpTo(Arrays.asList("7")).paused(true).toString());
    }
}
