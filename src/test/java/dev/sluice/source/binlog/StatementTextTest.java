package dev.sluice.source.binlog;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Transaction-control statements, XA ids, the client charset in a QUERY's status block, MariaDB's compression. */
class StatementTextTest {

    @Test
    void transactionControlIsRecognisedAndEverythingElseIsOther() {
        assertEquals(new StatementText.Command(StatementText.Kind.BEGIN, null), StatementText.command("BEGIN"));
        assertEquals(StatementText.Kind.COMMIT, StatementText.command("COMMIT").kind());
        assertEquals(StatementText.Kind.ROLLBACK, StatementText.command("ROLLBACK").kind());
        assertEquals(new StatementText.Command(StatementText.Kind.SAVEPOINT, "a`b"),
                StatementText.command("SAVEPOINT `a``b`"));
        assertEquals(new StatementText.Command(StatementText.Kind.ROLLBACK_TO_SAVEPOINT, "sp"),
                StatementText.command("ROLLBACK TO `SP`"));
        assertEquals(new StatementText.Command(StatementText.Kind.ROLLBACK_TO_SAVEPOINT, "sp"),
                StatementText.command("rollback work to savepoint sp"));
        assertEquals(new StatementText.Command(StatementText.Kind.RELEASE_SAVEPOINT, "x"),
                StatementText.command("RELEASE SAVEPOINT x"));
        assertEquals(new StatementText.Command(StatementText.Kind.XA_COMMIT, "X'7833',X'',1"),
                StatementText.command("XA COMMIT X'7833',X'',1"));
        assertEquals(new StatementText.Command(StatementText.Kind.XA_COMMIT, "'k'"),
                StatementText.command("XA COMMIT 'k' ONE PHASE"));
        assertEquals(StatementText.Kind.XA_START, StatementText.command("XA START X'7832',X'',1").kind());
        assertEquals(StatementText.Kind.XA_ROLLBACK, StatementText.command("/* c */ XA ROLLBACK X'01',X'',1").kind());
        assertEquals(StatementText.Kind.OTHER, StatementText.command("INSERT INTO t VALUES (1)").kind());
        assertEquals(StatementText.Kind.OTHER, StatementText.command("BEGIN NOT ATOMIC SELECT 1; END").kind());
        assertEquals(StatementText.Kind.OTHER, StatementText.command("/*!50001 CREATE VIEW v AS SELECT 1 */").kind());
    }

    @Test
    void xaIdsReadTheSameFromStatementsAndPrepareEvents() {
        assertEquals("X'7833',X'',1", XaId.parse("X'7833',X'',1"));
        assertEquals("X'7833',X'',1", XaId.parse("'x3'"));
        assertEquals("X'6162',X'63',7", XaId.parse(" 'ab' , 'c' , 7 "));
        assertEquals("X'7833',X'',1", XaId.ofPrepare(1, 2, "x3".getBytes(StandardCharsets.US_ASCII)));
        assertThrows(IllegalArgumentException.class, () -> XaId.parse("x3"));
        assertThrows(IllegalArgumentException.class, () -> XaId.parse("'a','b',1 extra"));
    }

    @Test
    void theClientCharsetIsFoundAmongTheStatusVariables() {
        byte[] status = {0, 0, 0, 0, 0, // flags2
            1, 0, 0, 0, 0, 0, 0, 0, 0, // sql_mode
            6, 3, 's', 't', 'd', // catalog
            3, 1, 0, 1, 0, // auto increment
            4, 8, 0, 8, 0, (byte) 255, 0, // charset: client latin1 (8)
            5, 3, 'U', 'T', 'C'};
        assertEquals(8, QueryText.clientCharset(status));
        assertEquals(QueryText.UNKNOWN_CHARSET, QueryText.clientCharset(new byte[] {(byte) 200, 1, 2}),
                "a variable of unknown size ends the search");
        assertEquals(QueryText.UNKNOWN_CHARSET, QueryText.clientCharset(new byte[] {0, 0, 0, 0, 0}));
    }

    /**
     * MariaDB 11.4 logs Q_CHARACTER_SET_COLLATIONS (131) before the charset, and both servers have
     * variables past the first ten: each is stepped over by its size, so the charset is found.
     */
    @Test
    void theClientCharsetIsFoundPastEveryKnownStatusVariable() {
        byte[] mariadb114 = {(byte) 131, 2, 45, 0, (byte) 224, 0, 33, 0, (byte) 192, 0, // 2 charset/collation pairs
            (byte) 128, 1, 2, 3, // Q_HRNOW
            (byte) 129, 1, 2, 3, 4, 5, 6, 7, 8, // Q_XID
            (byte) 130, 0, // Q_GTID_FLAGS3 without an ALTER sequence number
            (byte) 130, 4, 1, 2, 3, 4, 5, 6, 7, 8, // with one (FL_COMMIT_ALTER_E1)
            4, 8, 0, 8, 0, (byte) 255, 0};
        assertEquals(8, QueryText.clientCharset(mariadb114));
        byte[] mysql = {10, 1, 2, 3, 4, // Q_MASTER_DATA_WRITTEN
            11, 1, 'u', 2, 'h', 'o', // Q_INVOKER: user, host
            12, 2, 'a', 0, 'b', 'c', 0, // Q_UPDATED_DB_NAMES
            12, (byte) 254, // Q_UPDATED_DB_NAMES, too many to list
            13, 1, 2, 3, // Q_MICROSECONDS
            16, 1, 17, 1, 2, 3, 4, 5, 6, 7, 8, 18, (byte) 255, 0, 19, 0, 20, 0,
            4, 33, 0, 33, 0, 8, 0};
        assertEquals(33, QueryText.clientCharset(mysql));
    }

    @Test
    void mariadbCompressedRecordsInflate() throws IOException {
        byte[] plain = "INSERT INTO t VALUES ('a long enough statement')".getBytes(StandardCharsets.UTF_8);
        Deflater deflater = new Deflater();
        deflater.setInput(plain);
        deflater.finish();
        byte[] buffer = new byte[256];
        int length = deflater.deflate(buffer);
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.write(0x80 | 1); // compressed, zlib, one length byte
        record.write(plain.length);
        record.write(buffer, 0, length);
        assertArrayEquals(plain, MariadbCompressed.inflate(record.toByteArray()));

        byte[] otherAlgorithm = record.toByteArray();
        otherAlgorithm[0] = (byte) (0x80 | 0x10 | 1);
        assertThrows(IOException.class, () -> MariadbCompressed.inflate(otherAlgorithm));
        byte[] wrongLength = record.toByteArray();
        wrongLength[1] = (byte) (plain.length + 1);
        assertThrows(IOException.class, () -> MariadbCompressed.inflate(wrongLength));
        assertThrows(IOException.class, () -> MariadbCompressed.inflate(new byte[] {1, 2, 3}));
    }
}
