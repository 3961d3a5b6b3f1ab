package dev.sluice.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * A seeded, reproducible workload for the Debezium oracle: tables over every column type the
 * server has, rows of edge values, NULLs and random values read by the snapshot, the same kinds
 * of rows inserted, updated and deleted while streaming, and a DDL sequence with DML between.
 */
final class OracleWorkload {

    /** A column: its name, its SQL type, and how to draw a literal for it. */
    record Column(String name, String type, Function<SplittableRandom, String> values) {
    }

    private final SplittableRandom random;
    private final boolean mariadb;
    private final String database;
    private final List<Column> columns;
    private final int rows;
    private int nextId = 1;

    OracleWorkload(long seed, boolean mariadb, String database, int rows) {
        this.random = new SplittableRandom(seed);
        this.mariadb = mariadb;
        this.database = database;
        this.rows = rows;
        this.columns = columns(mariadb);
    }

    /** The tables and the rows a snapshot reads. */
    List<String> snapshotStatements() {
        List<String> sql = new ArrayList<>();
        sql.add("CREATE TABLE " + table("types") + " (id INT PRIMARY KEY, " + String.join(", ",
                columns.stream().map(c -> c.name() + " " + c.type()).toList()) + ") DEFAULT CHARSET=utf8mb4");
        sql.add("CREATE TABLE " + table("defaults") + " (id INT PRIMARY KEY, dl INT DEFAULT 5,"
                + " dbu BIGINT UNSIGNED DEFAULT 18446744073709551615, dtx VARCHAR(20) DEFAULT 'héllo 😀',"
                + " dex VARCHAR(40) DEFAULT (uuid()), den ENUM('x,y','z') DEFAULT 'x,y', dts TIMESTAMP NULL DEFAULT"
                + " CURRENT_TIMESTAMP, dd DATE NOT NULL DEFAULT '2000-01-01', dbit BIT(3) DEFAULT b'101',"
                + " ddec DECIMAL(6,2) DEFAULT -1.5, dvb VARBINARY(4) DEFAULT 0x6162) DEFAULT CHARSET=utf8mb4");
        sql.add("CREATE TABLE " + table("ukey") + " (code VARCHAR(10), id INT NOT NULL, v INT, UNIQUE KEY uk (id))");
        sql.add("CREATE TABLE " + table("serials") + " (id SERIAL, v INT)");
        sql.add("CREATE TABLE " + table("oracle_end") + " (id INT PRIMARY KEY)");
        sql.add("CREATE TABLE " + table("charsets") + " (id INT PRIMARY KEY, " + String.join(", ",
                CHARSET_COLUMNS.stream().map(c -> c[0] + " " + c[1]).toList()) + ")");
        for (int i = 0; i < rows; i++) {
            sql.add(insertTypes());
            sql.add(insertCharsets());
        }
        sql.add("INSERT INTO " + table("defaults") + " (id) VALUES (1)");
        sql.add("INSERT INTO " + table("defaults") + " (id, dd) VALUES (2, '0000-00-00')");
        sql.add("INSERT INTO " + table("ukey") + " VALUES ('a', 1, 1), (NULL, 2, NULL)");
        sql.add("INSERT INTO " + table("serials") + " (v) VALUES (1), (2)");
        return sql;
    }

    /** What happens while both connectors stream: DML of every kind, and DDL with DML between. */
    List<String> streamStatements() {
        List<String> sql = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            sql.add(insertTypes());
            sql.add(insertCharsets());
        }
        for (int i = 0; i < rows / 4; i++) {
            String[] column = CHARSET_COLUMNS.get(random.nextInt(CHARSET_COLUMNS.size()));
            sql.add("UPDATE " + table("charsets") + " SET " + column[0] + " = " + pickText(column) + " WHERE id = "
                    + (1 + random.nextInt(nextCharsetId - 1)));
        }
        for (int i = 0; i < rows / 2; i++) {
            Column column = columns.get(random.nextInt(columns.size()));
            sql.add("UPDATE " + table("types") + " SET " + column.name() + " = " + value(column) + " WHERE id = "
                    + (1 + random.nextInt(nextId - 1)));
        }
        for (int i = 0; i < rows / 4; i++) {
            sql.add("DELETE FROM " + table("types") + " WHERE id = " + (1 + random.nextInt(nextId - 1)));
        }
        sql.add("UPDATE " + table("ukey") + " SET id = 3 WHERE id = 2");
        sql.add("UPDATE " + table("serials") + " SET v = 20 WHERE id = 2");
        sql.add("TRUNCATE TABLE " + table("serials"));
        sql.add("INSERT INTO " + table("serials") + " (v) VALUES (3)");
        sql.add("INSERT INTO " + table("defaults") + " (id) VALUES (3)");
        sql.add("ALTER TABLE " + table("types") + " ADD COLUMN extra INT DEFAULT 7");
        sql.add(insertTypes());
        sql.add("CREATE INDEX ix ON " + table("types") + " (i)");
        sql.add("DROP INDEX ix ON " + table("types"));
        sql.add("ALTER TABLE " + table("types") + " MODIFY vc VARCHAR(40), RENAME COLUMN extra TO extra2");
        sql.add(insertTypes());
        sql.add("ALTER TABLE " + table("charsets") + " ADD COLUMN first_col INT FIRST, ADD COLUMN after_id"
                + " VARCHAR(5) CHARACTER SET latin1 DEFAULT 'é' AFTER id, MODIFY l1 VARCHAR(30) CHARACTER SET utf8mb4");
        sql.add(insertCharsets());
        sql.add("RENAME TABLE " + table("charsets") + " TO " + table("charsets2"));
        sql.add("INSERT INTO " + table("charsets2") + " (id, l1) VALUES (1000, 'after the rename')");
        sql.add("CREATE TABLE " + table("t2") + " (id INT PRIMARY KEY, v VARCHAR(10) NOT NULL)");
        sql.add("CREATE TABLE " + table("t3") + " (id INT PRIMARY KEY)");
        sql.add("INSERT INTO " + table("t2") + " VALUES (1, 'x')");
        sql.add("DROP TABLE " + table("t2") + ", " + table("t3"));
        sql.add("ALTER TABLE " + table("ukey") + " MODIFY v INT NOT NULL DEFAULT 0, ADD UNIQUE KEY uv (v)");
        sql.add("UPDATE " + table("ukey") + " SET code = 'b' WHERE id = 1");
        return sql;
    }

    String stopStatement() {
        return "INSERT INTO " + table("oracle_end") + " VALUES (1)";
    }

    /** Text columns in character sets other than utf8mb4, and what to put in them. */
    private static final List<String[]> CHARSET_COLUMNS = List.of(
            new String[] {"l1", "VARCHAR(20) CHARACTER SET latin1", "'café'", "'Ä ö ü ß'", "''", "'a\\\\b'"},
            new String[] {"a7", "VARCHAR(20) CHARACTER SET ascii", "'plain ascii'", "'~!@#$%^&*()'"},
            new String[] {"u3", "VARCHAR(20) CHARACTER SET utf8mb3", "'Zoë ✓ €'", "'日本語'"},
            new String[] {"u16", "VARCHAR(20) CHARACTER SET utf16", "'Zoë 😀'", "'∑ 日本'"},
            new String[] {"ucs", "VARCHAR(20) CHARACTER SET ucs2", "'Zoë ✓'", "'ÆØÅ'"},
            new String[] {"gb", "VARCHAR(20) CHARACTER SET gbk", "'中文字符'", "'abc'"},
            new String[] {"sj", "VARCHAR(20) CHARACTER SET sjis", "'ｶﾀｶﾅ日本'", "'abc'"},
            new String[] {"cp", "VARCHAR(20) CHARACTER SET cp1251", "'Привет'", "'abc'"},
            new String[] {"bcol", "VARCHAR(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin", "'CaSe 😀'", "'x'"},
            new String[] {"bin", "VARCHAR(20) CHARACTER SET binary", "'bytes'", "0x00FF"},
            new String[] {"cl1", "CHAR(6) CHARACTER SET latin1 COLLATE latin1_bin", "'ab'", "'éé'"},
            new String[] {"t16", "TEXT CHARACTER SET utf16", "'long 😀 text'", "''"},
            new String[] {"el1", "ENUM('é','ü','x') CHARACTER SET latin1", "'é'", "'x'"});

    private int nextCharsetId = 1;

    private String insertCharsets() {
        StringBuilder sql = new StringBuilder("INSERT INTO " + table("charsets") + " (id");
        CHARSET_COLUMNS.forEach(c -> sql.append(", ").append(c[0]));
        sql.append(") VALUES (").append(nextCharsetId++);
        CHARSET_COLUMNS.forEach(c -> sql.append(", ").append(random.nextInt(10) == 0 ? "NULL" : pickText(c)));
        return sql.append(')').toString();
    }

    private String pickText(String[] column) {
        return column[2 + random.nextInt(column.length - 2)];
    }

    private String table(String name) {
        return database + "." + name;
    }

    private String insertTypes() {
        StringBuilder sql = new StringBuilder("INSERT INTO " + table("types") + " (id");
        columns.forEach(c -> sql.append(", ").append(c.name()));
        sql.append(") VALUES (").append(nextId++);
        columns.forEach(c -> sql.append(", ").append(value(c)));
        return sql.append(')').toString();
    }

    /** NULL one time in ten where the column allows it, else the column's own draw. */
    private String value(Column column) {
        boolean nullable = !column.type().contains("NOT NULL");
        return nullable && random.nextInt(10) == 0 ? "NULL" : column.values().apply(random);
    }

    // ---------------------------------------------------------------- columns and their values

    private static List<Column> columns(boolean mariadb) {
        List<Column> columns = new ArrayList<>(List.of(
                integer("ti", "TINYINT", -128, 127), integer("tiu", "TINYINT UNSIGNED", 0, 255),
                integer("b1", "TINYINT(1)", -128, 127), integer("si", "SMALLINT", -32768, 32767),
                integer("siu", "SMALLINT UNSIGNED", 0, 65535), integer("mi", "MEDIUMINT", -8388608, 8388607),
                integer("miu", "MEDIUMINT UNSIGNED", 0, 16777215), integer("i", "INT", Integer.MIN_VALUE,
                        Integer.MAX_VALUE), integer("iu", "INT UNSIGNED", 0, 4294967295L),
                new Column("bi", "BIGINT", r -> pick(r, "-9223372036854775808", "9223372036854775807", "0",
                        Long.toString(r.nextLong()))),
                new Column("biu", "BIGINT UNSIGNED", r -> pick(r, "0", "18446744073709551615", "9223372036854775808",
                        Long.toUnsignedString(r.nextLong()))),
                new Column("d10", "DECIMAL(10,2)", r -> pick(r, "99999999.99", "-99999999.99", "0",
                        String.format(Locale.ROOT, "%.2f", (r.nextDouble() - 0.5) * 2e8))),
                new Column("d65", "DECIMAL(65,30)", r -> pick(r, "9".repeat(35) + "." + "9".repeat(30), "-0.000001",
                        r.nextLong() + "." + Math.abs(r.nextLong()))),
                new Column("f", "FLOAT", r -> pick(r, "1.5", "-2.25", "0", "3.4e38", Integer.toString(r.nextInt(1000)))),
                new Column("dbl", "DOUBLE", r -> pick(r, "1.7976931348623157e308", "-2.2250738585072014e-308", "0",
                        Double.toString((r.nextDouble() - 0.5) * 1e6))),
                new Column("bt1", "BIT(1)", r -> pick(r, "b'0'", "b'1'")),
                new Column("bt10", "BIT(10)", r -> "b'" + Integer.toBinaryString(r.nextInt(1024)) + "'"),
                new Column("bt64", "BIT(64)", r -> pick(r, "b'" + "1".repeat(64) + "'", "b'0'",
                        "b'" + Long.toBinaryString(r.nextLong()) + "'")),
                // YEAR 0000 only on MySQL: Debezium's MariaDB snapshot fails on it (its JDBC driver's
                // Date.valueOf throws), so nothing could be compared.
                new Column("y", "YEAR", r -> mariadb ? pick(r, "1901", "2155", Integer.toString(1901 + r.nextInt(255)))
                        : pick(r, "1901", "2155", "0", Integer.toString(1901 + r.nextInt(255)))),
                new Column("dt", "DATE", r -> pick(r, "'1000-01-01'", "'9999-12-31'", "'0000-00-00'", "'2024-02-29'",
                        quote(randomDate(r)))),
                new Column("tm", "TIME", r -> pick(r, "'-838:59:59'", "'838:59:59'", "'00:00:00'", "'24:00:00'",
                        quote(randomTime(r, 0)))),
                new Column("tm6", "TIME(6)", r -> pick(r, "'-00:00:00.000001'", "'12:34:56.789012'",
                        quote(randomTime(r, 6)))),
                new Column("dtm", "DATETIME", r -> pick(r, "'1000-01-01 00:00:00'", "'9999-12-31 23:59:59'",
                        "'0000-00-00 00:00:00'", quote(randomDate(r) + " 12:00:00"))),
                new Column("dtm3", "DATETIME(3)", r -> pick(r, "'9999-12-31 23:59:59.999'",
                        quote(randomDate(r) + " 01:02:03.456"))),
                new Column("dtm6", "DATETIME(6)", r -> pick(r, "'1000-01-01 00:00:00.000001'",
                        quote(randomDate(r) + " 23:59:59.999999"))),
                new Column("ts", "TIMESTAMP NULL", r -> pick(r, "'1970-01-01 00:00:01'", "'2038-01-19 03:14:07'",
                        "'0000-00-00 00:00:00'", quote((1971 + r.nextInt(60)) + "-06-15 10:20:30"))),
                new Column("ts6", "TIMESTAMP(6) NULL", r -> pick(r, "'2038-01-19 03:14:07.999999'",
                        quote((1971 + r.nextInt(60)) + "-01-31 00:00:00.5"))),
                new Column("dz", "DATE NOT NULL DEFAULT '2000-01-01'", r -> pick(r, "'0000-00-00'", "'2024-01-01'",
                        "DEFAULT")),
                new Column("c5", "CHAR(5)", r -> quote(text(r, 5))),
                new Column("vc", "VARCHAR(20)", r -> quote(text(r, 20))),
                new Column("tx", "TEXT", r -> quote(text(r, 200))),
                new Column("l1", "VARCHAR(10) CHARACTER SET latin1", r -> pick(r, "'café'", "''", "'a''b\\\\c'")),
                new Column("bn", "BINARY(4)", r -> pick(r, "0x00", "0x01020304", "0xFFFFFFFF", "''")),
                new Column("vb", "VARBINARY(8)", r -> "0x" + hex(r, r.nextInt(9))),
                new Column("bl", "BLOB", r -> pick(r, "''", "0x" + hex(r, 1 + r.nextInt(40)))),
                new Column("en", "ENUM('a','b','c d','x,y')", r -> pick(r, "'a'", "'c d'", "'x,y'", "''")),
                new Column("st", "SET('x','y','z')", r -> pick(r, "''", "'x'", "'x,z'", "'x,y,z'")),
                new Column("js", "JSON", r -> pick(r, "'{}'", "'[]'", "'null'", "'\"s\"'", "'-12'", "'1.5'",
                        "'{\"k\": [1, 2.5, \"x\", true, null], \"n\": {\"m\": -7}}'",
                        "'{\"big\": 18446744073709551615, \"e\": 1e300, \"u\": \"\\\\u00e9😀\"}'")),
                new Column("pt", "POINT", r -> pick(r, "ST_GeomFromText('POINT(1 2)')",
                        "ST_GeomFromText('POINT(-1.5 0.25)', 3857)")),
                new Column("gm", "GEOMETRY", r -> pick(r, "ST_GeomFromText('LINESTRING(0 0,1 1)')",
                        "ST_GeomFromText('POLYGON((0 0,1 0,1 1,0 0))', 3857)", "ST_GeomFromText('POINT(3 4)')"))));
        if (mariadb) {
            columns.add(new Column("uu", "UUID", r -> pick(r, "'00000000-0000-0000-0000-000000000000'",
                    "'123e4567-e89b-12d3-a456-426614174000'", "UUID()", quote(new java.util.UUID(r.nextLong(),
                            r.nextLong()).toString()))));
            // INET4 and INET6 are left out: Debezium's MariaDB connector cannot parse a table that has them
            // (its snapshot fails), so there is nothing to compare; TypeMatrixIT checks Sluice's output.
        } else {
            columns.add(new Column("vec", "VECTOR(3)", r -> pick(r, "STRING_TO_VECTOR('[1.5,-2,0.1]')",
                    "STRING_TO_VECTOR('[" + r.nextInt(100) + ",0,3.4028235e38]')")));
        }
        return columns;
    }

    private static Column integer(String name, String type, long min, long max) {
        return new Column(name, type, r -> pick(r, Long.toString(min), Long.toString(max), "0",
                Long.toString(min + (long) (r.nextDouble() * ((double) max - min)))));
    }

    /** An edge value half of the time (one of all but the last), else the last (the random draw). */
    private static String pick(SplittableRandom r, String... choices) {
        return r.nextBoolean() ? choices[choices.length - 1] : choices[r.nextInt(choices.length)];
    }

    private static String randomDate(SplittableRandom r) {
        return String.format(Locale.ROOT, "%04d-%02d-%02d", 1000 + r.nextInt(9000), 1 + r.nextInt(12),
                1 + r.nextInt(28));
    }

    private static String randomTime(SplittableRandom r, int fsp) {
        String time = String.format(Locale.ROOT, "%s%02d:%02d:%02d", r.nextInt(4) == 0 ? "-" : "", r.nextInt(839),
                r.nextInt(60), r.nextInt(60));
        return fsp == 0 ? time : time + "." + String.format(Locale.ROOT, "%06d", r.nextInt(1_000_000));
    }

    private static final String[] ALPHABET = {"a", "Z", "0", " ", "\"", "\\\\", "\\n", "\\t", "é", "€", "😀", "'"
            .replace("'", "''"), "ß", "/", "<"};

    private static String text(SplittableRandom r, int maxLength) {
        StringBuilder text = new StringBuilder();
        int length = r.nextInt(maxLength + 1);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET[r.nextInt(ALPHABET.length)]);
        }
        return text.toString();
    }

    private static String hex(SplittableRandom r, int bytes) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < bytes; i++) {
            hex.append(String.format("%02x", r.nextInt(256)));
        }
        return hex.isEmpty() ? "00" : hex.toString();
    }

    /** A SQL string literal of text already escaped for SQL (backslashes and quotes doubled where needed). */
    private static String quote(String escaped) {
        return "'" + escaped + "'";
    }
}
