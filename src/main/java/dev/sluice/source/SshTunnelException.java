package dev.sluice.source;

/** The SSH tunnel to MySQL could not be opened; the message says why. */
public final class SshTunnelException extends SourceUnavailableException {

    public SshTunnelException(String message, Throwable cause) {
        super(message, cause);
    }
}
