package dev.sluice.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SkippedOperationsTest {

    @Test
    void debeziumsSpellings() {
        assertEquals(new SkippedOperations(false, false, false, true), SkippedOperations.parse("t"));
        assertEquals(new SkippedOperations(false, false, false, false), SkippedOperations.parse("none"));
        assertEquals(new SkippedOperations(true, true, true, false), SkippedOperations.parse(" c, U ,d"));
        assertEquals(SkippedOperations.defaults(), SkippedOperations.parse("t"));
    }

    @Test
    void unknownItemsAndNoneWithOthersAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SkippedOperations.parse("c,r"));
        assertTrue(e.getMessage().contains("'r' is not an operation"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SkippedOperations.parse("none,t"));
    }
}
