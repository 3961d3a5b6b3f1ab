package dev.sluice.pipeline;

import java.util.function.Supplier;

/** The current stream session's connection and queue, as health checks and metrics read them. */
public final class StreamStatus {

    private final Supplier<StreamSession> session;

    StreamStatus(Supplier<StreamSession> session) {
        this.session = session;
    }

    public boolean isConnected() {
        StreamSession current = session.get();
        return current != null && current.isConnected();
    }

    /** 1 when the current binlog connection runs over TLS, 0 when not, -1 without one. */
    public int tls() {
        StreamSession current = session.get();
        return current == null || !current.isConnected() ? -1 : current.isEncrypted() ? 1 : 0;
    }

    public long lastEventMillis() {
        StreamSession current = session.get();
        return current == null ? 0 : current.lastEventMillis();
    }

    public int queuedEvents() {
        StreamSession current = session.get();
        return current == null ? 0 : current.queuedEvents();
    }

    public long queuedBytes() {
        StreamSession current = session.get();
        return current == null ? 0 : current.queuedBytes();
    }
}
