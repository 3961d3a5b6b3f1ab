package dev.sluice.event;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BinlogValueWritersTest {

    private static String format(int fsp, String instant) {
        return BinlogValueWriters.zonedTimestampFormatter(fsp).format(Instant.parse(instant).atOffset(ZoneOffset.UTC));
    }

    @Test
    void zonedTimestampsHaveExactlyTheColumnsFractionDigits() {
        assertEquals("2018-06-20T13:37:03Z", format(0, "2018-06-20T13:37:03Z"));
        assertEquals("2018-06-20T13:37:03.500Z", format(3, "2018-06-20T13:37:03.5Z"));
        assertEquals("2018-06-20T13:37:03.000000Z", format(6, "2018-06-20T13:37:03Z"));
        assertEquals("2018-06-20T13:37:03.123456Z", format(6, "2018-06-20T13:37:03.123456Z"));
    }
}
