package dev.sluice.source;

import java.time.ZoneId;

/** What Sluice learned about the source server when it connected. */
public record ServerInfo(
        ServerFlavor flavor,
        String version,
        int major,
        int minor,
        long serverId,
        boolean gtidMode,
        boolean fullRowMetadata,
        ZoneId timeZone) {

    public boolean isAtLeast(int wantMajor, int wantMinor) {
        return major > wantMajor || (major == wantMajor && minor >= wantMinor);
    }

    public String describe() {
        return (flavor == ServerFlavor.MYSQL ? "MySQL " : "MariaDB ") + version;
    }
}
