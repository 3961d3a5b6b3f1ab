package dev.sluice.pipeline;

import java.time.Instant;

/** Wall-clock time in microseconds (the envelope's processing timestamps). */
final class Clock {

    private Clock() {
    }

    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
