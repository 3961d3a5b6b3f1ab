package dev.sluice.offset;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OffsetTrackerTest {

    private static SourceOffset at(long pos, long event, long row) {
        return new SourceOffset("bin.000001", pos, null, event, row, 1, 0);
    }

    @Test
    void positionMovesOnlyPastContiguouslyAcknowledgedRecords() {
        OffsetTracker tracker = new OffsetTracker(at(4, 0, 0));
        OffsetTracker.Pending a = tracker.register(at(100, 0, 1));
        OffsetTracker.Pending b = tracker.register(at(100, 0, 2));
        OffsetTracker.Pending c = tracker.register(at(100, 0, 3));
        tracker.acknowledge(c);
        assertEquals(at(4, 0, 0), tracker.acknowledged(), "c is acknowledged but a and b are not");
        tracker.acknowledge(a);
        assertEquals(at(100, 0, 1), tracker.acknowledged());
        tracker.acknowledge(b);
        assertEquals(at(100, 0, 3), tracker.acknowledged());
        assertEquals(0, tracker.inFlight());
        assertEquals(3, tracker.acknowledgedRecords());
    }

    @Test
    void transactionEndsMoveWithTheRecordsBeforeThem() {
        OffsetTracker tracker = new OffsetTracker(at(4, 0, 0));
        tracker.reached(at(50, 0, 0));
        assertEquals(at(50, 0, 0), tracker.acknowledged(), "nothing in flight: reached at once");
        OffsetTracker.Pending a = tracker.register(at(50, 0, 1));
        tracker.reached(at(90, 0, 0));
        assertEquals(at(50, 0, 0), tracker.acknowledged());
        tracker.acknowledge(a);
        assertEquals(at(90, 0, 0), tracker.acknowledged());
    }
}
