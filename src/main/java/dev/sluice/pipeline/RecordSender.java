package dev.sluice.pipeline;

import dev.sluice.offset.SourceOffset;

/**
 * Delivers one record; {@code offsetAfter} is where to resume once it is acknowledged, and
 * {@code commitMillis} when its transaction committed in the source (for the lag).
 */
@FunctionalInterface
interface RecordSender {
    void send(String topic, byte[] key, byte[] value, SourceOffset offsetAfter, long commitMillis);
}
