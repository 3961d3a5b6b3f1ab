package dev.sluice.config;

import dev.sluice.source.binlog.GtidTracker;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GtidSourceFilterTest {

    private static final String A = "aaaaaaaa-0000-0000-0000-000000000001";
    private static final String B = "bbbbbbbb-0000-0000-0000-000000000002";

    @Test
    void includesCountOnlyTheSourcesTheyMatchWhole() {
        GtidSourceFilter filter = GtidSourceFilter.parse(Optional.of(" AAAAAAAA-.* , 7"), Optional.empty());
        assertTrue(filter.filters());
        assertTrue(filter.accepts(A));
        assertFalse(filter.accepts(B));
        assertTrue(filter.accepts("7"));
        assertFalse(filter.accepts("17"), "anchored: the whole source must match");
    }

    @Test
    void excludesCountEveryOtherSource() {
        GtidSourceFilter filter = GtidSourceFilter.parse(Optional.empty(), Optional.of(B));
        assertTrue(filter.accepts(A));
        assertFalse(filter.accepts(B));
        assertFalse(GtidSourceFilter.parse(Optional.of(" "), Optional.empty()).filters());
        assertTrue(GtidSourceFilter.everySource().accepts(B));
    }

    @Test
    void badListsSayWhatIsWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> GtidSourceFilter.parse(Optional.of(A), Optional.of(B))).getMessage().contains("not both"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> GtidSourceFilter.parse(Optional.of("aaaa-[0-9"), Optional.empty())).getMessage()
                .contains("'aaaa-[0-9' is not a regular expression"));
        assertThrows(IllegalArgumentException.class, () -> GtidSourceFilter.parse(Optional.of(" , "), Optional.empty()));
    }

    @Test
    void theSourceOfAGtid() {
        assertEquals(A, GtidSourceFilter.sourceOf(A + ":42"));
        assertEquals(A, GtidSourceFilter.sourceOf(A + ":tag_1:42"));
        assertEquals("3", GtidSourceFilter.sourceOf("3-101-9000"));
    }

    /** Sources that do not count are resumed after everything the server has, others after the offset. */
    @Test
    void resumingCountsTheOtherSourcesAsRead() {
        GtidSourceFilter onlyA = GtidSourceFilter.parse(Optional.of(A), Optional.empty());
        assertEquals(A + ":1-10," + B + ":1-500:tag:1-3",
                GtidTracker.resumeSet(A + ":1-10," + B + ":1-7", A + ":1-99,\n" + B + ":1-500:tag:1-3", onlyA::accepts));
        assertEquals(A + ":1-10", GtidTracker.resumeSet(A + ":1-10", "", onlyA::accepts));
    }
}
