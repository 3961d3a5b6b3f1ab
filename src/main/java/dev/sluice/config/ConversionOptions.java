package dev.sluice.config;

/**
 * How records are written: Debezium's value handling modes (the defaults are Debezium's), whether
 * each key and value carries its Connect schema (JsonConverter's {@code schemas.enable}), which
 * columns the values and keys hold, and whether values are flat rows (null: the change envelope).
 */
public record ConversionOptions(
        BinaryMode binaryMode,
        DecimalMode decimalMode,
        BigintUnsignedMode bigintUnsignedMode,
        TimePrecisionMode timePrecisionMode,
        boolean schemasEnabled,
        ColumnControls columns,
        FlatRows flatRows) {

    /** Every column written, keyed by the primary key, in the change envelope. */
    public ConversionOptions(BinaryMode binaryMode, DecimalMode decimalMode, BigintUnsignedMode bigintUnsignedMode,
            TimePrecisionMode timePrecisionMode, boolean schemasEnabled) {
        this(binaryMode, decimalMode, bigintUnsignedMode, timePrecisionMode, schemasEnabled, ColumnControls.none());
    }

    /** In the change envelope. */
    public ConversionOptions(BinaryMode binaryMode, DecimalMode decimalMode, BigintUnsignedMode bigintUnsignedMode,
            TimePrecisionMode timePrecisionMode, boolean schemasEnabled, ColumnControls columns) {
        this(binaryMode, decimalMode, bigintUnsignedMode, timePrecisionMode, schemasEnabled, columns, null);
    }

    public enum BinaryMode { BYTES, BASE64, BASE64_URL_SAFE, HEX }

    public enum DecimalMode { PRECISE, DOUBLE, STRING }

    public enum BigintUnsignedMode { LONG, PRECISE }

    /**
     * {@code adaptive_time_microseconds}: DATE as days, TIME as microseconds, DATETIME(0-3) as
     * milliseconds and DATETIME(4-6) as microseconds; {@code connect}: Kafka Connect's Date (days),
     * Time (milliseconds) and Timestamp (milliseconds).
     */
    public enum TimePrecisionMode { ADAPTIVE_TIME_MICROSECONDS, CONNECT }

    public static ConversionOptions defaults() {
        return new ConversionOptions(BinaryMode.BYTES, DecimalMode.PRECISE, BigintUnsignedMode.LONG,
                TimePrecisionMode.ADAPTIVE_TIME_MICROSECONDS, false);
    }

    /** Parses Debezium's spelling of a mode ({@code base64-url-safe}, {@code adaptive_time_microseconds}). */
    public static <E extends Enum<E>> E mode(Class<E> type, String value) {
        String wanted = value.trim().replace('-', '_').toUpperCase(java.util.Locale.ROOT);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(wanted)) {
                return constant;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            allowed.append(allowed.length() == 0 ? "" : ", ").append(constant.name().toLowerCase(java.util.Locale.ROOT)
                    .replace('_', type == BinaryMode.class ? '-' : '_'));
        }
        throw new IllegalArgumentException("expected one of " + allowed + ", got '" + value + "'");
    }
}
