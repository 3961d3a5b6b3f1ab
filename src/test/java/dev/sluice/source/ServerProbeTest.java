package dev.sluice.source;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** Version strings as servers and forks report them, and ones no server should send. */
class ServerProbeTest {

    @Test
    void versionsOfEveryShapeAreRead() {
        Map<String, int[]> versions = Map.ofEntries(
                Map.entry("9.7.4-2", new int[] {9, 7}),
                Map.entry("8.0.36-28", new int[] {8, 0}),
                Map.entry("8.4.3-commercial", new int[] {8, 4}),
                Map.entry("10.11.6-MariaDB-0+deb12u1-log", new int[] {10, 11}),
                Map.entry("11.4.2-MariaDB", new int[] {11, 4}),
                Map.entry("5.7.44-log", new int[] {5, 7}),
                Map.entry("8.0.mysql_aurora.3.05.2", new int[] {8, 0}),
                // unreadable versions become 0.0, which the version check refuses by name
                Map.entry("", new int[] {0, 0}),
                Map.entry("garbage", new int[] {0, 0}),
                Map.entry("9", new int[] {0, 0}),
                Map.entry("x.y.z", new int[] {0, 0}),
                Map.entry("99999999999.1", new int[] {0, 0}));
        versions.forEach((version, expected) ->
                assertArrayEquals(expected, ServerProbe.majorMinor(version), "'" + version + "'"));
    }
}
