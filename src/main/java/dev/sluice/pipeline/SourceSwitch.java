package dev.sluice.pipeline;

import dev.sluice.offset.SourceOffset;
import dev.sluice.source.ServerFlavor;
import dev.sluice.source.ServerInfo;
import dev.sluice.source.binlog.GtidTracker;
import org.jboss.logging.Logger;

/**
 * The stored offset was written while reading another server's binlog (a failover to a replica,
 * or a host name that now leads elsewhere). Its file and position mean nothing here; its GTID set
 * does. Decides whether streaming can resume by that set without losing a change.
 */
final class SourceSwitch {

    private static final Logger LOG = Logger.getLogger(SourceSwitch.class);

    /** What the new server has: its executed and purged GTID sets (MariaDB: its binlog position, no purged set). */
    record Server(ServerInfo info, String address, String gtidExecuted, String gtidPurged) {
    }

    private SourceSwitch() {
    }

    /**
     * @return true to resume by the offset's GTID set; false when a new snapshot should be taken
     *     instead ({@code snapshotWhenNeeded} and the changes since the offset are not all here)
     * @throws IllegalStateException naming why resuming here would lose changes, and the fix
     */
    static boolean resumeByGtids(SourceOffset offset, Server server, boolean snapshotWhenNeeded) {
        String from = "the stored offset was written reading server " + offset.sourceServer() + ", and "
                + server.address() + " is server " + server.info().identity();
        String problem = problem(offset, server);
        if (problem != null) {
            if (snapshotWhenNeeded) {
                LOG.warnf("%s: %s; SLUICE_SNAPSHOT_MODE=when_needed: taking a new snapshot", from, problem);
                return false;
            }
            throw new IllegalStateException(from + ": " + problem);
        }
        if (server.gtidExecuted() != null
                && !GtidTracker.isContainedWithin(server.info().flavor(), offset.gtids(), server.gtidExecuted())) {
            LOG.warnf("%s, which lacks transactions Sluice already published from the old server (it has %s,"
                    + " Sluice read %s): they were not replicated before the switch, and their changes stay in Kafka"
                    + " though this server never had them", from, server.gtidExecuted(), offset.gtids());
        }
        LOG.infof("Source switched: %s; resuming after the GTID set %s", from, offset.gtids());
        return true;
    }

    private static String problem(SourceOffset offset, Server server) {
        if (!server.info().gtidMode() || offset.gtids() == null) {
            return "a binlog position of one server means nothing on another, and without GTIDs"
                    + " (gtid_mode=ON on both servers) Sluice cannot tell where to resume. Point SLUICE_MYSQL_HOST back at"
                    + " the old server, or re-snapshot with SLUICE_SNAPSHOT_MODE=when_needed";
        }
        if (!offset.xaPrepared().isEmpty()) {
            return offset.xaPrepared().size() + " XA transaction(s) prepared on the old server are read again from"
                    + " its binlog when they commit, which this server cannot serve. Point SLUICE_MYSQL_HOST back at the"
                    + " old server until they end, or re-snapshot with SLUICE_SNAPSHOT_MODE=when_needed";
        }
        // MySQL only: MariaDB itself refuses a GTID position its binlog no longer holds
        String purged = server.gtidPurged() == null ? "" : server.gtidPurged();
        if (server.info().flavor() == ServerFlavor.MYSQL && !GtidTracker.isContainedWithin(ServerFlavor.MYSQL, purged,
                offset.gtids())) {
            return "it has purged transactions Sluice has not read (gtid_purged " + purged + ", Sluice read "
                    + offset.gtids() + "), so changes would be lost. Re-snapshot with SLUICE_SNAPSHOT_MODE=when_needed";
        }
        return null;
    }
}
