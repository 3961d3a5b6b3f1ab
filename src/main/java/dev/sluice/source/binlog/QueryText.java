package dev.sluice.source.binlog;

import com.github.shyiko.mysql.binlog.event.QueryEventData;
import com.github.shyiko.mysql.binlog.event.deserialization.EventDataDeserializer;
import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;

import java.io.IOException;

/**
 * A QUERY event with its statement kept as the bytes the client sent, and the client's character
 * set from the status variables, so the text can be decoded in the charset it was written in (a
 * latin1 client's {@code ENUM('café')} is latin1 bytes). The binlog client's own decoder reads the
 * text with the JVM's default charset.
 *
 * <p>The event body: thread id (4), execution time (4), database name length (1), error code (2),
 * status variables length (2) [, for EXECUTE_LOAD_QUERY: file id (4), start (4), end (4),
 * duplicate handling (1)], status variables, the database name and a zero byte, the statement.
 */
public final class QueryText extends QueryEventData {

    /** No client charset was logged (or Sluice could not read that far into the status variables). */
    public static final int UNKNOWN_CHARSET = -1;

    private static final int Q_FLAGS2 = 0;
    private static final int Q_SQL_MODE = 1;
    private static final int Q_CATALOG = 2;
    private static final int Q_AUTO_INCREMENT = 3;
    private static final int Q_CHARSET = 4;
    private static final int Q_TIME_ZONE = 5;
    private static final int Q_CATALOG_NZ = 6;
    private static final int Q_LC_TIME_NAMES = 7;
    private static final int Q_CHARSET_DATABASE = 8;
    private static final int Q_TABLE_MAP_FOR_UPDATE = 9;
    private static final int Q_MASTER_DATA_WRITTEN = 10;
    private static final int Q_INVOKER = 11;
    private static final int Q_UPDATED_DB_NAMES = 12;
    private static final int Q_MICROSECONDS = 13;
    private static final int Q_EXPLICIT_DEFAULTS_FOR_TIMESTAMP = 16;
    private static final int Q_DDL_LOGGED_WITH_XID = 17;
    private static final int Q_DEFAULT_COLLATION_FOR_UTF8MB4 = 18;
    private static final int Q_SQL_REQUIRE_PRIMARY_KEY = 19;
    private static final int Q_DEFAULT_TABLE_ENCRYPTION = 20;
    private static final int MARIADB_Q_HRNOW = 128;
    private static final int MARIADB_Q_XID = 129;
    private static final int MARIADB_Q_GTID_FLAGS3 = 130;
    private static final int MARIADB_Q_CHARACTER_SET_COLLATIONS = 131;
    /** Q_GTID_FLAGS3 flags after which an 8-byte sequence number of a two-phase ALTER follows. */
    private static final int FL_COMMIT_OR_ROLLBACK_ALTER = 4 | 8;
    /** Q_UPDATED_DB_NAMES' count when there were too many databases to list. */
    private static final int OVER_MAX_DBS = 254;

    private byte[] sqlBytes;
    private int clientCharset = UNKNOWN_CHARSET;

    QueryText() {
    }

    /** A statement as a client with this charset (a collation id) sent it. */
    QueryText(byte[] sqlBytes, int clientCharset, String database) {
        this.sqlBytes = sqlBytes;
        this.clientCharset = clientCharset;
        setDatabase(database);
    }

    /** The statement as logged, in the client's character set. */
    public byte[] sqlBytes() {
        return sqlBytes;
    }

    /** The collation id of the client's character set ({@code character_set_client}), or {@link #UNKNOWN_CHARSET}. */
    public int clientCharset() {
        return clientCharset;
    }

    /** Decodes QUERY events (and EXECUTE_LOAD_QUERY, whose post-header is 13 bytes longer). */
    static final class Decoder implements EventDataDeserializer<QueryText> {
        private final boolean executeLoad;

        Decoder(boolean executeLoad) {
            this.executeLoad = executeLoad;
        }

        @Override
        public QueryText deserialize(ByteArrayInputStream in) throws IOException {
            QueryText query = new QueryText();
            query.setThreadId(in.readLong(4));
            query.setExecutionTime(in.readLong(4));
            in.skip(1); // the database name's length; it is zero-terminated as well
            query.setErrorCode(in.readInteger(2));
            int statusLength = in.readInteger(2);
            if (executeLoad) {
                in.skip(13);
            }
            query.clientCharset = clientCharset(in.read(statusLength));
            query.setDatabase(in.readZeroTerminatedString());
            query.sqlBytes = in.read(in.available());
            return query;
        }
    }

    /**
     * Finds Q_CHARSET_CODE, stepping over every status variable MySQL 9 and MariaDB 11 write (in
     * any order: MariaDB 11.4 puts its collations before the charset); stops at the first whose
     * size it does not know, and the statement then counts as having no charset logged.
     */
    static int clientCharset(byte[] status) {
        int at = 0;
        while (at < status.length) {
            int code = status[at++] & 0xFF;
            int size = switch (code) {
                case Q_FLAGS2, Q_AUTO_INCREMENT, Q_MASTER_DATA_WRITTEN -> 4;
                case Q_SQL_MODE, Q_TABLE_MAP_FOR_UPDATE, Q_DDL_LOGGED_WITH_XID, MARIADB_Q_XID -> 8;
                case Q_CATALOG -> lengthPrefixed(status, at, 2);
                case Q_CHARSET -> 6;
                case Q_TIME_ZONE, Q_CATALOG_NZ -> lengthPrefixed(status, at, 1);
                case Q_LC_TIME_NAMES, Q_CHARSET_DATABASE, Q_DEFAULT_COLLATION_FOR_UTF8MB4 -> 2;
                case Q_INVOKER -> invokerSize(status, at);
                case Q_UPDATED_DB_NAMES -> databaseNamesSize(status, at);
                case Q_MICROSECONDS, MARIADB_Q_HRNOW -> 3;
                case Q_EXPLICIT_DEFAULTS_FOR_TIMESTAMP, Q_SQL_REQUIRE_PRIMARY_KEY, Q_DEFAULT_TABLE_ENCRYPTION -> 1;
                case MARIADB_Q_GTID_FLAGS3 -> at < status.length
                        ? 1 + ((status[at] & FL_COMMIT_OR_ROLLBACK_ALTER) != 0 ? 8 : 0) : -1;
                case MARIADB_Q_CHARACTER_SET_COLLATIONS -> at < status.length ? 1 + 4 * (status[at] & 0xFF) : -1;
                default -> -1;
            };
            if (size < 0 || at + size > status.length) {
                return UNKNOWN_CHARSET;
            }
            if (code == Q_CHARSET) {
                return (status[at] & 0xFF) | (status[at + 1] & 0xFF) << 8;
            }
            at += size;
        }
        return UNKNOWN_CHARSET;
    }

    /** A variable of a length byte and that many bytes, plus {@code extra} (a terminating zero). */
    private static int lengthPrefixed(byte[] status, int at, int extra) {
        return at < status.length ? (status[at] & 0xFF) + extra : -1;
    }

    /** Q_INVOKER: the user and the host, each a length byte and its bytes. */
    private static int invokerSize(byte[] status, int at) {
        if (at >= status.length) {
            return -1;
        }
        int host = at + 1 + (status[at] & 0xFF);
        return host < status.length ? host + 1 + (status[host] & 0xFF) - at : -1;
    }

    /** Q_UPDATED_DB_NAMES: a count, then that many zero-terminated names (none past OVER_MAX_DBS). */
    private static int databaseNamesSize(byte[] status, int at) {
        if (at >= status.length) {
            return -1;
        }
        int count = status[at] & 0xFF;
        int end = at + 1;
        for (int k = 0; count != OVER_MAX_DBS && k < count; k++) {
            while (end < status.length && status[end] != 0) {
                end++;
            }
            if (end >= status.length) {
                return -1;
            }
            end++;
        }
        return end - at;
    }
}
