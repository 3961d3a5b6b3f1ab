package dev.sluice.source.binlog;

/**
 * The binlog holds something Sluice cannot turn into exact change events; going on would lose or
 * invent changes, so the stream stops. The message names the event, its position and the fix.
 */
public final class UnsupportedBinlogException extends IllegalStateException {

    public UnsupportedBinlogException(String message) {
        super(message);
    }

    public UnsupportedBinlogException(String message, Throwable cause) {
        super(message, cause);
    }
}
