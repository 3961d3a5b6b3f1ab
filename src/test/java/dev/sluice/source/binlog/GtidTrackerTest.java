package dev.sluice.source.binlog;

import dev.sluice.source.ServerFlavor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GtidTrackerTest {

    private static final String A = "aaaaaaaa-0000-0000-0000-000000000001";
    private static final String B = "bbbbbbbb-0000-0000-0000-000000000002";

    @Test
    void mysqlSetsAreContainedGtidByGtid() {
        assertTrue(GtidTracker.isContainedWithin(ServerFlavor.MYSQL, A + ":1-10", A + ":1-20,\n" + B + ":1-3"));
        assertFalse(GtidTracker.isContainedWithin(ServerFlavor.MYSQL, A + ":1-30", A + ":1-20," + B + ":1-3"));
        assertFalse(GtidTracker.isContainedWithin(ServerFlavor.MYSQL, B + ":1", A + ":1-20"));
        assertTrue(GtidTracker.isContainedWithin(ServerFlavor.MYSQL, "", A + ":1-20"));
    }

    /** After a MariaDB failover the new primary goes on with the domain's sequence under its own server id. */
    @Test
    void mariadbPositionsCompareBySequencePerDomain() {
        assertTrue(GtidTracker.isContainedWithin(ServerFlavor.MARIADB, "0-1-50", "0-2-120"));
        assertFalse(GtidTracker.isContainedWithin(ServerFlavor.MARIADB, "0-1-130", "0-2-120"));
        assertTrue(GtidTracker.isContainedWithin(ServerFlavor.MARIADB, "0-1-50,1-1-9", "1-3-9,0-2-50"));
        assertFalse(GtidTracker.isContainedWithin(ServerFlavor.MARIADB, "0-1-50,1-1-9", "0-2-120"), "domain 1 missing");
        assertTrue(GtidTracker.isContainedWithin(ServerFlavor.MARIADB, "", "0-2-120"));
    }
}
