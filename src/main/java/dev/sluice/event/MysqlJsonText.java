package dev.sluice.event;

import com.github.shyiko.mysql.binlog.event.deserialization.ColumnType;
import com.github.shyiko.mysql.binlog.event.deserialization.json.JsonBinary;
import com.github.shyiko.mysql.binlog.event.deserialization.json.JsonFormatter;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;

/**
 * Renders MySQL's binary JSON as the text MySQL itself returns for the column ({@code ", "} and
 * {@code ": "} separators, datetimes with six fraction digits), so binlog rows read the same as
 * rows read with SELECT. MariaDB stores JSON as text, which passes through unchanged.
 */
final class MysqlJsonText implements JsonFormatter {

    private final StringBuilder out = new StringBuilder(64);

    private MysqlJsonText() {
    }

    static String render(byte[] binary) throws IOException {
        if (looksLikeText(binary)) {
            return new String(binary, StandardCharsets.UTF_8);
        }
        MysqlJsonText text = new MysqlJsonText();
        JsonBinary.parse(binary, text);
        return text.out.toString();
    }

    /** MariaDB (and JSON columns copied from it) hold JSON text, not MySQL's binary form. */
    private static boolean looksLikeText(byte[] value) {
        if (value.length == 0) {
            return false;
        }
        byte first = value[0];
        return first == '{' || first == '[' || first == '"' || first == ' ';
    }

    @Override
    public void beginObject(int numElements) {
        out.append('{');
    }

    @Override
    public void beginArray(int numElements) {
        out.append('[');
    }

    @Override
    public void endObject() {
        out.append('}');
    }

    @Override
    public void endArray() {
        out.append(']');
    }

    @Override
    public void name(String name) {
        quoted(name);
        out.append(": ");
    }

    @Override
    public void nextEntry() {
        out.append(", ");
    }

    @Override
    public void value(String value) {
        quoted(value);
    }

    @Override
    public void value(int value) {
        out.append(value);
    }

    @Override
    public void value(long value) {
        out.append(value);
    }

    /**
     * MySQL's JSON rendering of a double: the shortest digits, positional when the decimal point
     * falls within 15 digits before or 14 after them (with ".0" on a whole number), otherwise
     * {@code d.ddde±x}.
     */
    @Override
    public void value(double value) {
        out.append(doubleText(value));
    }

    static String doubleText(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        String sign = value < 0 || (value == 0 && 1 / value < 0) ? "-" : "";
        double magnitude = Math.abs(value);
        if (magnitude == 0) {
            return sign + "0.0";
        }
        BigDecimal exact = shortest(magnitude);
        String digits = exact.unscaledValue().toString();
        int pointAt = digits.length() - exact.scale();
        if (pointAt >= -14 && pointAt <= 15) {
            String plain = exact.toPlainString();
            return sign + (plain.contains(".") ? plain : plain + ".0");
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mantissa + "e" + (pointAt - 1);
    }

    /**
     * The fewest significant digits that read back as the same double, rounded to nearest (what
     * MySQL's dtoa prints; Java 17's Double.toString is not always that short).
     */
    private static BigDecimal shortest(double magnitude) {
        BigDecimal binary = new BigDecimal(magnitude);
        for (int digits = 1; digits < 17; digits++) {
            BigDecimal candidate = binary.round(new java.math.MathContext(digits, java.math.RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == magnitude) {
                return candidate.stripTrailingZeros();
            }
        }
        return binary.round(new java.math.MathContext(17, java.math.RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }

    @Override
    public void value(BigInteger value) {
        out.append(value);
    }

    @Override
    public void value(BigDecimal value) {
        out.append(value.toPlainString());
    }

    @Override
    public void value(boolean value) {
        out.append(value);
    }

    @Override
    public void valueNull() {
        out.append("null");
    }

    @Override
    public void valueYear(int year) {
        out.append(year);
    }

    @Override
    public void valueDate(int year, int month, int day) {
        out.append('"');
        date(year, month, day);
        out.append('"');
    }

    @Override
    public void valueDatetime(int year, int month, int day, int hour, int min, int sec, int microSeconds) {
        out.append('"');
        date(year, month, day);
        out.append(' ');
        time(hour, min, sec, microSeconds);
        out.append('"');
    }

    @Override
    public void valueTime(int hour, int min, int sec, int microSeconds) {
        out.append('"');
        if (hour < 0) {
            out.append('-');
            hour = -hour;
        }
        time(hour, min, sec, microSeconds);
        out.append('"');
    }

    @Override
    public void valueTimestamp(long secondsPastEpoch, int microSeconds) {
        LocalDateTime utc = LocalDateTime.ofEpochSecond(secondsPastEpoch, 0, ZoneOffset.UTC);
        valueDatetime(utc.getYear(), utc.getMonthValue(), utc.getDayOfMonth(), utc.getHour(), utc.getMinute(),
                utc.getSecond(), microSeconds);
    }

    @Override
    public void valueOpaque(ColumnType type, byte[] value) {
        out.append("\"base64:type").append(type.getCode()).append(':')
                .append(Base64.getEncoder().encodeToString(value)).append('"');
    }

    private void date(int year, int month, int day) {
        pad(year, 4).append('-');
        pad(month, 2).append('-');
        pad(day, 2);
    }

    private void time(int hour, int min, int sec, int micros) {
        pad(hour, 2).append(':');
        pad(min, 2).append(':');
        pad(sec, 2).append('.');
        pad(micros, 6);
    }

    private StringBuilder pad(int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(digits);
    }

    private void quoted(String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
