package dev.sluice.pipeline;

import dev.sluice.offset.SourceOffset;
import dev.sluice.source.binlog.PreparedXa;
import dev.sluice.source.ServerFlavor;
import dev.sluice.source.ServerInfo;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SourceSwitchTest {

    private static final String OLD = "aaaaaaaa-0000-0000-0000-000000000001";
    private static final String NEW = "bbbbbbbb-0000-0000-0000-000000000002";

    private static SourceSwitch.Server newServer(boolean gtidMode, String executed, String purged) {
        ServerInfo info = new ServerInfo(ServerFlavor.MYSQL, "9.7.0", 9, 7, 2, gtidMode, true, ZoneOffset.UTC, NEW);
        return new SourceSwitch.Server(info, "replica:3306", executed, purged);
    }

    private static SourceOffset offset(String gtids) {
        return new SourceOffset("mysql-bin.000009", 4711, gtids, 0, 0, 1, 0, null, null, null, null, OLD);
    }

    @Test
    void aReplicaWithEveryTransactionSluiceReadResumesByGtids() {
        assertTrue(SourceSwitch.resumeByGtids(offset(OLD + ":1-100"),
                newServer(true, OLD + ":1-120," + NEW + ":1-5", ""), false));
    }

    @Test
    void aReplicaThatLacksPublishedTransactionsStillResumes() {
        // they were lost with the old primary; Sluice warns and goes on from what this server has
        assertTrue(SourceSwitch.resumeByGtids(offset(OLD + ":1-100"), newServer(true, OLD + ":1-90", ""), false));
    }

    @Test
    void withoutGtidsThePositionMeansNothingThere() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SourceSwitch.resumeByGtids(offset(null), newServer(false, null, null), false));
        assertTrue(e.getMessage().contains("is server " + NEW), e.getMessage());
        assertTrue(e.getMessage().contains("gtid_mode=ON"), e.getMessage());
        assertFalse(SourceSwitch.resumeByGtids(offset(null), newServer(false, null, null), true),
                "when_needed takes a new snapshot");
    }

    @Test
    void purgedTransactionsSluiceHasNotReadAreLostChanges() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SourceSwitch.resumeByGtids(offset(OLD + ":1-100"),
                        newServer(true, OLD + ":1-200", OLD + ":1-150"), false));
        assertTrue(e.getMessage().contains("purged transactions Sluice has not read"), e.getMessage());
    }

    @Test
    void preparedXaTransactionsNeedTheOldServer() {
        SourceOffset withXa = new SourceOffset("mysql-bin.000009", 4711, OLD + ":1-100", 0, 0, 1, 0, null, null,
                List.of(new PreparedXa("x1", "mysql-bin.000008", 100, 900, List.of())), null, OLD);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SourceSwitch.resumeByGtids(withXa, newServer(true, OLD + ":1-100", ""), false));
        assertTrue(e.getMessage().contains("XA transaction(s) prepared on the old server"), e.getMessage());
    }

    @Test
    void aMariadbReplicaResumesByItsGtidPositionWhateverServerWroteIt() {
        ServerInfo promoted = new ServerInfo(ServerFlavor.MARIADB, "10.11.6-MariaDB", 10, 11, 2, true, true,
                ZoneOffset.UTC, "server_id=2");
        SourceOffset offset = new SourceOffset("mariadb-bin.000003", 4711, "0-1-100", 0, 0, 1, 0, null, null, null,
                null, "server_id=1");
        assertTrue(SourceSwitch.resumeByGtids(offset,
                new SourceSwitch.Server(promoted, "replica:3306", "0-2-130", null), false));
        assertTrue(promoted.isSameServer("server_id=2") && !promoted.isSameServer("server_id=1"));
    }
}
