package dev.sluice.source;

import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerInfoTest {

    private static final String UUID_A = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
    private static final String UUID_B = "9c1d2e3f-0000-11e1-9e33-c80aa9429562";

    private static ServerInfo mysql(boolean gtidMode, String identity) {
        return new ServerInfo(ServerFlavor.MYSQL, "9.7.0", 9, 7, 1, gtidMode, true, ZoneOffset.UTC, identity);
    }

    private static ServerInfo mariadb(String identity) {
        return new ServerInfo(ServerFlavor.MARIADB, "10.11.6-MariaDB", 10, 11, 1, true, true, ZoneOffset.UTC, identity);
    }

    @Test
    void mysqlResumesByPositionOnlyOnTheServerThatWroteTheOffset() {
        assertFalse(mysql(true, UUID_A).resumesByGtids(UUID_A));
        assertFalse(mysql(true, UUID_A).resumesByGtids(UUID_A.toUpperCase()));
        assertTrue(mysql(true, UUID_A).resumesByGtids(UUID_B));
    }

    @Test
    void mysqlResumesAnOffsetOfUnknownOriginByGtids() {
        assertTrue(mysql(true, UUID_A).resumesByGtids(null));
    }

    @Test
    void mysqlWithoutGtidsAlwaysResumesByPosition() {
        assertFalse(mysql(false, UUID_A).resumesByGtids(UUID_A));
        assertFalse(mysql(false, UUID_A).resumesByGtids(null));
    }

    @Test
    void mariadbResumesByGtidsOnlyOnAnotherServer() {
        assertFalse(mariadb("server_id=1").resumesByGtids("server_id=1"));
        assertFalse(mariadb("server_id=1").resumesByGtids(null));
        assertTrue(mariadb("server_id=1").resumesByGtids("server_id=2"));
    }
}
