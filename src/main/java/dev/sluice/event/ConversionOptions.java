package dev.sluice.event;

/** Debezium's value handling modes; the defaults are Debezium's defaults. */
public record ConversionOptions(
        BinaryMode binaryMode,
        DecimalMode decimalMode,
        BigintUnsignedMode bigintUnsignedMode) {

    public enum BinaryMode { BYTES, BASE64, BASE64_URL_SAFE, HEX }

    public enum DecimalMode { PRECISE, DOUBLE, STRING }

    public enum BigintUnsignedMode { LONG, PRECISE }

    public static ConversionOptions defaults() {
        return new ConversionOptions(BinaryMode.BYTES, DecimalMode.PRECISE, BigintUnsignedMode.LONG);
    }
}
