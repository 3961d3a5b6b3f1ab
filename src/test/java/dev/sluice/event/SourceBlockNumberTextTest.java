package dev.sluice.event;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SourceBlockNumberTextTest {

    @Test
    void writesEveryLongAsLongToStringDoes() {
        SourceBlockWriter.NumberText text = new SourceBlockWriter.NumberText();
        assertEquals("0", text.toString());
        long[] values = {1, 9, 10, 99, 100, 1_700_000_000_123_456L, -1, -10, -987_654_321L, Long.MAX_VALUE,
                Long.MIN_VALUE, Long.MIN_VALUE + 1, 0};
        for (long value : values) {
            assertEquals(Long.toString(value), text.of(value).toString());
        }
    }

    @Test
    void aShorterNumberLeavesNoDigitOfTheLongerOne() {
        SourceBlockWriter.NumberText text = new SourceBlockWriter.NumberText();
        text.set(123_456_789L);
        text.set(42);
        assertEquals("42", text.toString());
    }
}
