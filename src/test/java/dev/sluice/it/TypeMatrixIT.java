package dev.sluice.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.sluice.it.ChangeEvents.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every MySQL/MariaDB column type, edge values and NULL, as Debezium renders them (values written
 * out literally, from the format reference), read once by the snapshot and once from the binlog:
 * both must give the same JSON; then the same rows under the non-default handling modes.
 */
class TypeMatrixIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int STREAMED = 100; // streamed rows repeat the snapshot rows with id + 100

    static Stream<DbServer> servers() {
        return Stream.of(DbServer.mysql(), DbServer.mariadb(), DbServer.mariadb114());
    }

    private static final String NUMS = "(id INT PRIMARY KEY, ti TINYINT, tiu TINYINT UNSIGNED, si SMALLINT,"
            + " siu SMALLINT UNSIGNED, mi MEDIUMINT, miu MEDIUMINT UNSIGNED, i INT, iu INT UNSIGNED, bi BIGINT,"
            + " biu BIGINT UNSIGNED, b1 TINYINT(1), bo BOOLEAN, f FLOAT, d DOUBLE, dec65 DECIMAL(65,30),"
            + " dec10 DECIMAL(10,2), bit1 BIT(1), bit10 BIT(10), bit64 BIT(64))";
    private static final List<String> NUM_ROWS = List.of(
            "(%d, -128, 0, -32768, 0, -8388608, 0, -2147483648, 0, -9223372036854775808, 0, 0, false, -2.25,"
                    + " -1.7976931348623157e308, -" + "9".repeat(35) + "." + "9".repeat(30) + ", -99999999.99, b'0',"
                    + " b'0000000000', b'0')",
            "(%d, 127, 255, 32767, 65535, 8388607, 16777215, 2147483647, 4294967295, 9223372036854775807,"
                    + " 18446744073709551615, 1, true, 1.5, 1.7976931348623157e308, " + "9".repeat(35) + "."
                    + "9".repeat(30) + ", 99999999.99, b'1', b'1000000001', b'" + "1".repeat(64) + "')",
            "(%d, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, false, 0, 0, 0, 0, b'0', b'0', b'0')",
            "(%d, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
                    + " NULL, NULL, NULL)");
    private static final List<String> NUM_EXPECTED = List.of(
            "{\"ti\":-128,\"tiu\":0,\"si\":-32768,\"siu\":0,\"mi\":-8388608,\"miu\":0,\"i\":-2147483648,\"iu\":0,"
                    + "\"bi\":-9223372036854775808,\"biu\":0,\"b1\":0,\"bo\":0,\"f\":-2.25,"
                    + "\"d\":-1.7976931348623157E308,\"dec65\":\"/wzp2OOAPG91dBC5sca6EIXayfYAAAAAAAAAAQ==\","
                    + "\"dec10\":\"/av0HAE=\",\"bit1\":false,\"bit10\":\"AAA=\",\"bit64\":\"AAAAAAAAAAA=\"}",
            "{\"ti\":127,\"tiu\":255,\"si\":32767,\"siu\":65535,\"mi\":8388607,\"miu\":16777215,\"i\":2147483647,"
                    + "\"iu\":4294967295,\"bi\":9223372036854775807,\"biu\":-1,\"b1\":1,\"bo\":1,\"f\":1.5,"
                    + "\"d\":1.7976931348623157E308,\"dec65\":\"APMWJxx/w5CKi+9GTjlF73olNgn//////////w==\","
                    + "\"dec10\":\"AlQL4/8=\",\"bit1\":true,\"bit10\":\"AQI=\",\"bit64\":\"//////////8=\"}",
            "{\"ti\":0,\"tiu\":0,\"si\":0,\"siu\":0,\"mi\":0,\"miu\":0,\"i\":0,\"iu\":0,\"bi\":0,\"biu\":0,\"b1\":0,"
                    + "\"bo\":0,\"f\":0.0,\"d\":0.0,\"dec65\":\"AA==\",\"dec10\":\"AA==\",\"bit1\":false,\"bit10\":\"AAA=\","
                    + "\"bit64\":\"AAAAAAAAAAA=\"}",
            "{\"ti\":null,\"tiu\":null,\"si\":null,\"siu\":null,\"mi\":null,\"miu\":null,\"i\":null,\"iu\":null,"
                    + "\"bi\":null,\"biu\":null,\"b1\":null,\"bo\":null,\"f\":null,\"d\":null,\"dec65\":null,"
                    + "\"dec10\":null,\"bit1\":null,\"bit10\":null,\"bit64\":null}");

    private static final String TIMES = "(id INT PRIMARY KEY, d DATE, t0 TIME, t6 TIME(6), dt0 DATETIME,"
            + " dt3 DATETIME(3), dt6 DATETIME(6), ts0 TIMESTAMP NULL, ts6 TIMESTAMP(6) NULL, y YEAR,"
            + " dz DATE NOT NULL DEFAULT '2000-01-01', dtz DATETIME NOT NULL DEFAULT '2000-01-01 00:00:00')";
    private static final List<String> TIME_ROWS = List.of(
            "(%d, '1000-01-01', '-838:59:59', '-838:59:59.000000', '1000-01-01 00:00:00', '1000-01-01 00:00:00.000',"
                    + " '1000-01-01 00:00:00.000000', '1970-01-01 00:00:01', '1970-01-01 00:00:01.000000', 1901,"
                    + " '1000-01-01', '1000-01-01 00:00:00')",
            "(%d, '9999-12-31', '838:59:59', '838:59:59.000000', '9999-12-31 23:59:59', '9999-12-31 23:59:59.999',"
                    + " '9999-12-31 23:59:59.999999', '2038-01-19 03:14:07', '2038-01-19 03:14:07.999999', 2155,"
                    + " '9999-12-31', '9999-12-31 23:59:59')",
            "(%d, '0000-00-00', '00:00:00', '00:00:00', '0000-00-00 00:00:00', '0000-00-00 00:00:00',"
                    + " '0000-00-00 00:00:00', '0000-00-00 00:00:00', '0000-00-00 00:00:00', 0, '0000-00-00',"
                    + " '0000-00-00 00:00:00')",
            "(%d, '2024-02-29', '-00:00:01', '12:34:56.789012', '2024-02-29 12:34:56', '2024-02-29 12:34:56.789',"
                    + " '2024-02-29 12:34:56.789012', '2024-02-29 12:34:56', '2024-02-29 12:34:56.789012', 2024,"
                    + " '2024-02-29', '2024-02-29 12:34:56')",
            "(%d, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '2000-01-01', '2000-01-01 00:00:00')");
    private static final List<String> TIME_EXPECTED = List.of(
            "{\"d\":-354285,\"t0\":-3020399000000,\"t6\":-3020399000000,\"dt0\":-30610224000000,"
                    + "\"dt3\":-30610224000000,\"dt6\":-30610224000000000,\"ts0\":\"1970-01-01T00:00:01Z\","
                    + "\"ts6\":\"1970-01-01T00:00:01.000000Z\",\"y\":1901,\"dz\":-354285,\"dtz\":-30610224000000}",
            "{\"d\":2932896,\"t0\":3020399000000,\"t6\":3020399000000,\"dt0\":253402300799000,"
                    + "\"dt3\":253402300799999,\"dt6\":253402300799999999,\"ts0\":\"2038-01-19T03:14:07Z\","
                    + "\"ts6\":\"2038-01-19T03:14:07.999999Z\",\"y\":2155,\"dz\":2932896,\"dtz\":253402300799000}",
            "{\"d\":null,\"t0\":0,\"t6\":0,\"dt0\":null,\"dt3\":null,\"dt6\":null,\"ts0\":null,\"ts6\":null,\"y\":0,"
                    + "\"dz\":10957,\"dtz\":946684800000}",
            "{\"d\":19782,\"t0\":-1000000,\"t6\":45296789012,\"dt0\":1709210096000,\"dt3\":1709210096789,"
                    + "\"dt6\":1709210096789012,\"ts0\":\"2024-02-29T12:34:56Z\",\"ts6\":\"2024-02-29T12:34:56.789012Z\","
                    + "\"y\":2024,\"dz\":19782,\"dtz\":1709210096000}",
            "{\"d\":null,\"t0\":null,\"t6\":null,\"dt0\":null,\"dt3\":null,\"dt6\":null,\"ts0\":null,\"ts6\":null,"
                    + "\"y\":null,\"dz\":10957,\"dtz\":946684800000}");

    private static final String ALL_BYTES = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4"
            + "OTo7PD0+P0BBQkNERUZHSElKS0xNTk9QUVJTVFVWV1hZWltcXV5fYGFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6e3x9fn+AgYKDhIWGh4iJ"
            + "iouMjY6PkJGSk5SVlpeYmZqbnJ2en6ChoqOkpaanqKmqq6ytrq+wsbKztLW2t7i5uru8vb6/wMHCw8TFxsfIycrLzM3Oz9DR0tPU1dbX2Nna"
            + "29zd3t/g4eLj5OXm5+jp6uvs7e7v8PHy8/T19vf4+fr7/P3+/w==";

    private static final String TEXTS = "(id INT PRIMARY KEY, c CHAR(5), vc VARCHAR(20), t TEXT,"
            + " l1 VARCHAR(10) CHARACTER SET latin1, bc VARCHAR(10) COLLATE utf8mb4_bin, b BINARY(4), vb VARBINARY(300),"
            + " bl BLOB, e ENUM('a','b','c'), s SET('x','y','z'), j JSON) DEFAULT CHARSET=utf8mb4";
    private static final List<String> TEXT_ROWS = List.of(
            "(%d, 'abc', 'Zoë ✓ 😀', 'multi\\nline\\ttab \"q\"', 'café €', 'CaSe', 0x0102, FROM_BASE64('" + ALL_BYTES
                    + "'), 0x00FF, 'b', 'x,z', '{\"t\": true, \"k\": [1, 2.5, \"x\", 1e7], \"n\": null, \"s\": \"é\\\\n\"}')",
            "(%d, '', '', '', '', '', 0x00000000, '', '', 'a', '', '[]')",
            "(%d, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)");

    private static List<String> textExpected(boolean mariadb) {
        String json = mariadb ? "{\\\"t\\\": true, \\\"k\\\": [1, 2.5, \\\"x\\\", 1e7], \\\"n\\\": null, \\\"s\\\": \\\"é\\\\n\\\"}"
                : "{\\\"k\\\": [1, 2.5, \\\"x\\\", 10000000.0], \\\"n\\\": null, \\\"s\\\": \\\"é\\\\n\\\", \\\"t\\\": true}";
        return List.of(
                "{\"c\":\"abc\",\"vc\":\"Zoë ✓ 😀\",\"t\":\"multi\\nline\\ttab \\\"q\\\"\",\"l1\":\"café €\",\"bc\":\"CaSe\","
                        + "\"b\":\"AQIAAA==\",\"vb\":\"" + ALL_BYTES + "\",\"bl\":\"AP8=\",\"e\":\"b\",\"s\":\"x,z\","
                        + "\"j\":\"" + json + "\"}",
                "{\"c\":\"\",\"vc\":\"\",\"t\":\"\",\"l1\":\"\",\"bc\":\"\",\"b\":\"AAAAAA==\",\"vb\":\"\",\"bl\":\"\","
                        + "\"e\":\"a\",\"s\":\"\",\"j\":\"[]\"}",
                "{\"c\":null,\"vc\":null,\"t\":null,\"l1\":null,\"bc\":null,\"b\":null,\"vb\":null,\"bl\":null,\"e\":null,"
                        + "\"s\":null,\"j\":null}");
    }

    private static final String SPATIAL = "(id INT PRIMARY KEY, p POINT, g GEOMETRY, gen_i INT, gv INT AS (gen_i * 2)"
            + " VIRTUAL, gs INT AS (gen_i + 1) STORED, g3857 GEOMETRY)";
    private static final List<String> SPATIAL_ROWS = List.of(
            "(%d, ST_GeomFromText('POINT(1 2)'), ST_GeomFromText('LINESTRING(0 0,1 1)'), 20, DEFAULT, DEFAULT,"
                    + " ST_GeomFromText('POINT(3 4)', 3857))",
            "(%d, NULL, NULL, NULL, DEFAULT, DEFAULT, NULL)");
    private static final List<String> SPATIAL_EXPECTED = List.of(
            "{\"p\":{\"x\":1.0,\"y\":2.0,\"wkb\":\"AQEAAAAAAAAAAADwPwAAAAAAAABA\",\"srid\":null},"
                    + "\"g\":{\"wkb\":\"AQIAAAACAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAPA/AAAAAAAA8D8=\",\"srid\":null},"
                    + "\"gen_i\":20,\"gv\":40,\"gs\":21,\"g3857\":{\"wkb\":\"AQEAAAAAAAAAAAAIQAAAAAAAABBA\",\"srid\":3857}}",
            "{\"p\":null,\"g\":null,\"gen_i\":null,\"gv\":null,\"gs\":null,\"g3857\":null}");

    /** MySQL 9's VECTOR: little-endian float32 values, rendered as a JSON array of floats. */
    private static final String VECTORS = "(id INT PRIMARY KEY, v VECTOR(3), e VECTOR(1))";
    private static final List<String> VECTOR_ROWS = List.of(
            "(%d, STRING_TO_VECTOR('[1.5,-2,0.1]'), STRING_TO_VECTOR('[3.4028235e38]'))",
            "(%d, NULL, NULL)");
    private static final List<String> VECTOR_EXPECTED = List.of(
            "{\"v\":[1.5,-2.0,0.1],\"e\":[3.4028235E38]}",
            "{\"v\":null,\"e\":null}");

    /**
     * MariaDB's fixed-size binary types as the text the server prints: a version-1 UUID (stored
     * byte-swapped in MariaDB's rows, not in its binlog), a version-7 one, values whose trailing
     * bytes are zero (which the binlog drops), IPv4-mapped and single-gap IPv6 addresses.
     */
    private static final String MARIADB_TYPES = "(id INT PRIMARY KEY, u UUID, i4 INET4, i6 INET6)";
    private static final List<String> MARIADB_ROWS = List.of(
            "(%d, '123e4567-e89b-12d3-a456-426614174000', '192.168.0.1', '2001:db8::1')",
            "(%d, '01890a5d-ac96-774b-bcce-b302099a8057', '10.0.0.0', '::ffff:192.168.0.1')",
            "(%d, '00000000-0000-0000-0000-000000000000', '0.0.0.0', '::')",
            "(%d, 'ffffffff-ffff-ffff-ffff-ffffffffffff', '255.255.255.255', '1::2:3:4:5:6:7')",
            "(%d, NULL, NULL, NULL)");
    private static final List<String> MARIADB_EXPECTED = List.of(
            "{\"u\":\"123e4567-e89b-12d3-a456-426614174000\",\"i4\":\"192.168.0.1\",\"i6\":\"2001:db8::1\"}",
            "{\"u\":\"01890a5d-ac96-774b-bcce-b302099a8057\",\"i4\":\"10.0.0.0\",\"i6\":\"::ffff:192.168.0.1\"}",
            "{\"u\":\"00000000-0000-0000-0000-000000000000\",\"i4\":\"0.0.0.0\",\"i6\":\"::\"}",
            "{\"u\":\"ffffffff-ffff-ffff-ffff-ffffffffffff\",\"i4\":\"255.255.255.255\",\"i6\":\"1::2:3:4:5:6:7\"}",
            "{\"u\":null,\"i4\":null,\"i6\":null}");

    /**
     * MySQL's binary JSON in depth: opaque decimals and temporals, 64-bit extremes, doubles,
     * escapes, top-level scalars and a document over 64 KB (the large container form). The
     * expected text is what MySQL itself prints for each value.
     */
    private static final String JSONS = "(id INT PRIMARY KEY, j JSON)";
    private static final String BIG_ARRAY = "[" + "\"xxxxxxxxxx\", ".repeat(7000) + "1]";
    private static final List<String> JSON_ROWS = List.of(
            "(%d, JSON_OBJECT('dec', CAST(1.50 AS DECIMAL(5,2)), 'dt', CAST('2024-02-29 12:34:56.789' AS DATETIME(3)),"
                    + " 'd', CAST('2024-02-29' AS DATE), 't', CAST('-01:02:03.5' AS TIME(1)), 'big', 18446744073709551615,"
                    + " 'neg', -9223372036854775808, 'dbl', 0.1e0, 'tiny', 1e-20, 'i32', 100000,"
                    + " 'esc', CONCAT('a\"b\\\\c', CONVERT(CHAR(1) USING utf8mb4), '/é')))",
            "(%d, '[1, \"s\", null, true, 3.5, {\"k\": []}, -70000]')",
            "(%d, '\"just a string\"')",
            "(%d, '-12')",
            "(%d, CAST(CONCAT('[', REPEAT('\"xxxxxxxxxx\", ', 7000), '1]') AS JSON))");
    private static final List<String> JSON_EXPECTED = Stream.of(
            "{\"d\": \"2024-02-29\", \"t\": \"-01:02:03.500000\", \"dt\": \"2024-02-29 12:34:56.789000\","
                    + " \"big\": 18446744073709551615, \"dbl\": 0.1, \"dec\": 1.50, \"esc\": \"a\\\"b\\\\c\\u0001/é\","
                    + " \"i32\": 100000, \"neg\": -9223372036854775808, \"tiny\": 1e-20}",
            "[1, \"s\", null, true, 3.5, {\"k\": []}, -70000]",
            "\"just a string\"",
            "-12",
            BIG_ARRAY)
            .map(text -> ChangeEvents.JSON.createObjectNode().put("j", text).toString()).toList();

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void everyTypeRendersAsDebeziumInSnapshotAndStream(DbServer server) {
        try (TestDatabase db = new TestDatabase(server, "types")) {
            Map<String, List<String>> expected = new HashMap<>();
            expected.put("nums", NUM_EXPECTED);
            expected.put("times", TIME_EXPECTED);
            expected.put("texts", textExpected(server.isMariaDb()));
            expected.put("spatial", SPATIAL_EXPECTED);
            Map<String, List<String>> rows = new HashMap<>(Map.of("nums", NUM_ROWS, "times", TIME_ROWS,
                    "texts", TEXT_ROWS, "spatial", SPATIAL_ROWS));
            Map<String, String> definitions = new HashMap<>(Map.of("nums", NUMS, "times", TIMES, "texts", TEXTS,
                    "spatial", SPATIAL));
            if (server.isMariaDb()) {
                expected.put("mariadb_types", MARIADB_EXPECTED);
                rows.put("mariadb_types", MARIADB_ROWS);
                definitions.put("mariadb_types", MARIADB_TYPES);
            } else {
                expected.put("vectors", VECTOR_EXPECTED);
                rows.put("vectors", VECTOR_ROWS);
                definitions.put("vectors", VECTORS);
                expected.put("jsons", JSON_EXPECTED);
                rows.put("jsons", JSON_ROWS);
                definitions.put("jsons", JSONS);
            }
            definitions.forEach((table, definition) -> server.execute("CREATE TABLE " + db.name() + "." + table + " "
                    + definition));
            insert(server, db, rows, 1);
            Map<String, String> env = SluiceProcess.env(server, db.connector(), db.name() + ".*");
            env.put("SLUICE_SNAPSHOT_MODE", "initial");
            try (SluiceProcess sluice = SluiceProcess.start("types-" + server.label().replace(' ', '-'), env)) {
                sluice.awaitStreaming();
                insert(server, db, rows, 1 + STREAMED);
                for (String table : expected.keySet()) {
                    List<String> values = expected.get(table);
                    List<ConsumerRecord<String, String>> records = KafkaTopics.await(db.topic(table), values.size() * 2,
                            WAIT);
                    for (int i = 0; i < values.size(); i++) {
                        JsonNode snapshot = after(records.get(i));
                        JsonNode streamed = after(records.get(i + values.size()));
                        assertEquals(parse(values.get(i)), snapshot, server + " " + table + " row " + (i + 1)
                                + " from the snapshot");
                        assertEquals(parse(values.get(i)), streamed, server + " " + table + " row " + (i + 1)
                                + " from the binlog");
                    }
                }
            }
        }
    }

    /** The row's after image without its id (which differs between the snapshot and the streamed copy). */
    private static JsonNode after(ConsumerRecord<String, String> record) {
        ObjectNode after = (ObjectNode) parse(record.value()).get("after").deepCopy();
        after.remove("id");
        return after;
    }

    private static void insert(DbServer server, TestDatabase db, Map<String, List<String>> rows, int firstId) {
        List<String> statements = new ArrayList<>(List.of("SET SESSION sql_mode = ''"));
        rows.forEach((table, values) -> {
            for (int i = 0; i < values.size(); i++) {
                statements.add("INSERT INTO " + db.name() + "." + table + " VALUES " + values.get(i).formatted(firstId + i));
            }
        });
        server.execute(statements.toArray(String[]::new));
    }

    @Test
    void nonDefaultHandlingModes() {
        DbServer server = DbServer.mysql();
        try (TestDatabase db = new TestDatabase(server, "modes")) {
            server.execute("CREATE TABLE " + db.name() + ".m (id INT PRIMARY KEY, b VARBINARY(4), dec10 DECIMAL(10,2),"
                    + " biu BIGINT UNSIGNED, d DATE, t6 TIME(6), dt6 DATETIME(6), ts6 TIMESTAMP(6) NULL, tn TIME)");
            String row = "(%d, 0xFB00FF, -12.5, 18446744073709551615, '2024-02-29', '12:34:56.789012',"
                    + " '2024-02-29 12:34:56.789012', '2024-02-29 12:34:56.789012', '-01:00:00')";
            server.execute("INSERT INTO " + db.name() + ".m VALUES " + row.formatted(1));
            Map<String, String[]> modes = Map.of(
                    "hex", new String[] {"hex", "string", "precise", "connect"},
                    "urlsafe", new String[] {"base64-url-safe", "double", "long", "adaptive_time_microseconds"},
                    "base64", new String[] {"base64", "precise", "long", "adaptive_time_microseconds"});
            Map<String, String> expected = Map.of(
                    "hex", "{\"b\":\"fb00ff\",\"dec10\":\"-12.50\",\"biu\":\"AP//////////\",\"d\":19782,"
                            + "\"t6\":45296789,\"dt6\":1709210096789,\"ts6\":\"2024-02-29T12:34:56.789012Z\",\"tn\":null}",
                    "urlsafe", "{\"b\":\"-wD_\",\"dec10\":-12.5,\"biu\":-1,\"d\":19782,\"t6\":45296789012,"
                            + "\"dt6\":1709210096789012,\"ts6\":\"2024-02-29T12:34:56.789012Z\",\"tn\":-3600000000}",
                    "base64", "{\"b\":\"+wD/\",\"dec10\":\"+x4=\",\"biu\":-1,\"d\":19782,\"t6\":45296789012,"
                            + "\"dt6\":1709210096789012,\"ts6\":\"2024-02-29T12:34:56.789012Z\",\"tn\":-3600000000}");
            int id = 2;
            for (Map.Entry<String, String[]> mode : modes.entrySet()) {
                String name = db.connector() + "-" + mode.getKey();
                Map<String, String> env = SluiceProcess.env(server, name, db.name() + ".*");
                env.put("SLUICE_SNAPSHOT_MODE", "initial");
                env.put("SLUICE_BINARY_HANDLING_MODE", mode.getValue()[0]);
                env.put("SLUICE_DECIMAL_HANDLING_MODE", mode.getValue()[1]);
                env.put("SLUICE_BIGINT_UNSIGNED_HANDLING_MODE", mode.getValue()[2]);
                env.put("SLUICE_TIME_PRECISION_MODE", mode.getValue()[3]);
                try (SluiceProcess sluice = SluiceProcess.start("types-mode-" + mode.getKey(), env)) {
                    sluice.awaitStreaming();
                    server.execute("INSERT INTO " + db.name() + ".m VALUES " + row.formatted(id++));
                    List<ConsumerRecord<String, String>> records = KafkaTopics.await(name + "." + db.name() + ".m",
                            2, WAIT);
                    assertEquals(parse(expected.get(mode.getKey())), after(records.get(0)), mode.getKey() + " snapshot");
                    assertEquals(parse(expected.get(mode.getKey())), after(records.get(records.size() - 1)),
                            mode.getKey() + " stream");
                }
            }
        }
    }

    /** A server in another time zone than the JVM (UTC here): TIMESTAMP values are the same instants either way. */
    @Test
    void serverTimeZoneDoesNotShiftTimestamps() {
        DbServer server = DbServer.mysql();
        String previous = server.query("SELECT @@GLOBAL.time_zone").get(0).get(0);
        server.execute("SET GLOBAL time_zone = '+05:30'");
        try (TestDatabase db = new TestDatabase(server, "tz")) {
            server.execute("CREATE TABLE " + db.name() + ".z (id INT PRIMARY KEY, ts TIMESTAMP(3) NULL, dt DATETIME(3))");
            String insert = "INSERT INTO " + db.name() + ".z VALUES (%d, '2024-01-01 12:00:00.250', '2024-01-01 12:00:00.250')";
            server.execute("SET SESSION time_zone = '+05:30'", insert.formatted(1));
            Map<String, String> env = SluiceProcess.env(server, db.connector(), db.name() + ".*");
            env.put("SLUICE_SNAPSHOT_MODE", "initial");
            try (SluiceProcess sluice = SluiceProcess.start("types-time-zone", env)) {
                sluice.awaitStreaming();
                server.execute("SET SESSION time_zone = '+05:30'", insert.formatted(2));
                List<ConsumerRecord<String, String>> records = KafkaTopics.await(db.topic("z"), 2, WAIT);
                String expected = "{\"ts\":\"2024-01-01T06:30:00.250Z\",\"dt\":1704110400250}";
                assertEquals(parse(expected), after(records.get(0)), "snapshot");
                assertEquals(parse(expected), after(records.get(1)), "binlog");
            }
        } finally {
            server.execute("SET GLOBAL time_zone = '" + previous + "'");
        }
    }
}
