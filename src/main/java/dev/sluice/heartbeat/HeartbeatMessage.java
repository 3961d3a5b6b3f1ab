package dev.sluice.heartbeat;

import dev.sluice.event.EventSchemas;

import java.nio.charset.StandardCharsets;

/**
 * Debezium's heartbeat record: key {@code {"serverName": prefix}}, value {@code {"ts_ms": now}},
 * each wrapped as {@code {"schema": ..., "payload": ...}} when records carry schemas.
 */
public final class HeartbeatMessage {

    private final byte[] key;
    private final String valuePrefix;
    private final String valueSuffix;

    /** @param prefix the topic prefix (validated to letters, digits, '.', '_' and '-': no escaping needed) */
    public HeartbeatMessage(String prefix, boolean schemas) {
        String keyPayload = "{\"serverName\":\"" + prefix + "\"}";
        this.key = (schemas ? withSchema(EventSchemas.heartbeatKey(), keyPayload) : keyPayload)
                .getBytes(StandardCharsets.UTF_8);
        this.valuePrefix = schemas ? "{\"schema\":" + EventSchemas.heartbeatValue() + ",\"payload\":{\"ts_ms\":"
                : "{\"ts_ms\":";
        this.valueSuffix = schemas ? "}}" : "}";
    }

    private static String withSchema(String schema, String payload) {
        return "{\"schema\":" + schema + ",\"payload\":" + payload + "}";
    }

    public byte[] key() {
        return key.clone();
    }

    public byte[] value(long nowMillis) {
        return (valuePrefix + nowMillis + valueSuffix).getBytes(StandardCharsets.UTF_8);
    }
}
