package dev.sluice.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** When Sluice reads the existing rows of the captured tables. */
public enum SnapshotMode {
    /** Snapshot when there is no offset, then stream. */
    INITIAL,
    /** Snapshot, then stop. */
    INITIAL_ONLY,
    /** Record the schemas only and stream from the current position. */
    NO_DATA,
    /** Snapshot when there is no offset or the offset's binlog is gone. */
    WHEN_NEEDED,
    /** Never snapshot; stream from the offset or the current position. */
    NEVER,
    /**
     * Rebuild a lost schema history from the current table definitions, then stream from the
     * stored offset. Only correct if no DDL ran on captured tables since that offset.
     */
    RECOVERY;

    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SnapshotMode parse(String value) {
        for (SnapshotMode mode : values()) {
            if (mode.configValue().equalsIgnoreCase(value.trim())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("expected one of " + allowed() + ", got '" + value + "'");
    }

    static String allowed() {
        return Arrays.stream(values()).map(SnapshotMode::configValue).collect(Collectors.joining(", "));
    }
}
