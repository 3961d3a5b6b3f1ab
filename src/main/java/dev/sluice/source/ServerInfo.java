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

    public String describe() {
        return (flavor == ServerFlavor.MYSQL ? "MySQL " : "MariaDB ") + version;
    }
}
