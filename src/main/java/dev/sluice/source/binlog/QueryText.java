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

    /** Finds Q_CHARSET_CODE; stops at the first status variable whose size it does not know. */
    static int clientCharset(byte[] status) {
        int at = 0;
        while (at < status.length) {
            int code = status[at++] & 0xFF;
            int size = switch (code) {
                case Q_FLAGS2 -> 4;
                case Q_SQL_MODE, Q_TABLE_MAP_FOR_UPDATE -> 8;
                case Q_CATALOG -> at < status.length ? (status[at] & 0xFF) + 2 : -1;
                case Q_AUTO_INCREMENT -> 4;
                case Q_CHARSET -> 6;
                case Q_TIME_ZONE, Q_CATALOG_NZ -> at < status.length ? (status[at] & 0xFF) + 1 : -1;
                case Q_LC_TIME_NAMES, Q_CHARSET_DATABASE -> 2;
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
}
