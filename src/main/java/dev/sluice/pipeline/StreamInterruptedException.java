package dev.sluice.pipeline;

/** The stream stopped for a reason a reconnect may cure (network, server restart). */
class StreamInterruptedException extends RuntimeException {

    StreamInterruptedException(String message, Throwable cause) {
        super(message, cause);
    }
}
