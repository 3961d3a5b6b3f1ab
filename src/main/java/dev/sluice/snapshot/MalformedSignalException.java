package dev.sluice.snapshot;

/** A signal Sluice cannot act on; it is logged with this reason and skipped, never stopping the stream. */
public final class MalformedSignalException extends RuntimeException {

    public MalformedSignalException(String reason) {
        super(reason);
    }
}
