package dev.sluice.source;

import java.time.ZoneId;

/**
 * What Sluice learned about the source server when it connected. {@code identity} tells servers
 * apart: MySQL's server_uuid, or on MariaDB {@code server_id=N}.
 */
public record ServerInfo(
        ServerFlavor flavor,
        String version,
        int major,
        int minor,
        long serverId,
        boolean gtidMode,
        boolean fullRowMetadata,
        ZoneId timeZone,
        String identity) {

    public boolean isAtLeast(int wantMajor, int wantMinor) {
        return major > wantMajor || (major == wantMajor && minor >= wantMinor);
    }

    /**
     * Whether binlog coordinates written on the server of this identity name the same places here.
     * Unknown (null: an offset written before Sluice recorded it) counts as the same server, as it
     * always did.
     */
    public boolean isSameServer(String otherIdentity) {
        return otherIdentity == null || identity == null || otherIdentity.equalsIgnoreCase(identity);
    }

    /**
     * Whether reading resumes by GTID set rather than by file and position, from an offset written
     * reading the server of {@code offsetServer}. A file and position name a place only on the
     * server that wrote them; on that server they are the cheaper start (MySQL need not scan its
     * binlog for the GTID set). An offset of unknown origin resumes on MySQL by GTIDs, as it always
     * did, and on MariaDB by position, as it always did.
     */
    public boolean resumesByGtids(String offsetServer) {
        boolean knownSame = offsetServer != null && identity != null && offsetServer.equalsIgnoreCase(identity);
        return flavor == ServerFlavor.MYSQL ? gtidMode && !knownSame : !isSameServer(offsetServer);
    }

    public String describe() {
        return (flavor == ServerFlavor.MYSQL ? "MySQL " : "MariaDB ") + version;
    }
}
