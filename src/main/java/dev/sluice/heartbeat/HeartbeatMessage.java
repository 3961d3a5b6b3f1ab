package dev.sluice.heartbeat;

import java.nio.charset.StandardCharsets;

/** Debezium's heartbeat record: key {@code {"serverName": prefix}}, value {@code {"ts_ms": now}}. */
public final class HeartbeatMessage {

    private final byte[] key;

    /** @param prefix the topic prefix (validated to letters, digits, '.', '_' and '-': no escaping needed) */
    public HeartbeatMessage(String prefix) {
        this.key = ("{\"serverName\":\"" + prefix + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    public byte[] key() {
        return key.clone();
    }

    public byte[] value(long nowMillis) {
        return ("{\"ts_ms\":" + nowMillis + "}").getBytes(StandardCharsets.UTF_8);
    }
}
