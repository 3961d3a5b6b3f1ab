package dev.sluice.source;

import dev.sluice.source.binlog.RowDecoding;

/**
 * Parses MySQL's text form of temporal values (what a SELECT returns with the session time zone
 * at UTC) into the same microsecond values the binlog decoder produces, so a snapshot row and a
 * streamed row render identically. Zero and invalid dates become {@link RowDecoding#INVALID_TEMPORAL}.
 */
public final class TemporalText {

    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long MICROS_PER_DAY = 86_400L * MICROS_PER_SECOND;

    private TemporalText() {
    }

    /** {@code YYYY-MM-DD} → microseconds since the epoch at midnight UTC. */
    public static long date(String text) {
        int year = Integer.parseInt(text, 0, 4, 10);
        int month = Integer.parseInt(text, 5, 7, 10);
        int day = Integer.parseInt(text, 8, 10, 10);
        if (month == 0 || day == 0) {
            return RowDecoding.INVALID_TEMPORAL;
        }
        return java.time.LocalDate.of(year, month, day).toEpochDay() * MICROS_PER_DAY;
    }

    /** {@code YYYY-MM-DD HH:MM:SS[.ffffff]} read as UTC → microseconds since the epoch. */
    public static long dateTime(String text) {
        long day = date(text);
        if (day == RowDecoding.INVALID_TEMPORAL) {
            return day;
        }
        return day + timeOfDay(text, 11);
    }

    /** {@code [-]HHH:MM:SS[.ffffff]} → signed microseconds (MySQL TIME spans -838:59:59 to 838:59:59). */
    public static long time(String text) {
        boolean negative = text.startsWith("-");
        long micros = timeOfDay(text, negative ? 1 : 0);
        return negative ? -micros : micros;
    }

    /** Signed microseconds → MySQL's {@code [-]HH:MM:SS.ffffff}, for messages. */
    public static String formatTime(long micros) {
        long abs = Math.abs(micros);
        long seconds = abs / MICROS_PER_SECOND;
        return String.format("%s%02d:%02d:%02d.%06d", micros < 0 ? "-" : "", seconds / 3600, seconds / 60 % 60,
                seconds % 60, abs % MICROS_PER_SECOND);
    }

    private static long timeOfDay(String text, int from) {
        int firstColon = text.indexOf(':', from);
        long hours = Long.parseLong(text, from, firstColon, 10);
        long minutes = Long.parseLong(text, firstColon + 1, firstColon + 3, 10);
        long seconds = Long.parseLong(text, firstColon + 4, firstColon + 6, 10);
        long fraction = 0;
        int dot = firstColon + 6;
        if (dot < text.length() && text.charAt(dot) == '.') {
            String digits = text.substring(dot + 1);
            fraction = Long.parseLong(digits);
            for (int k = digits.length(); k < 6; k++) {
                fraction *= 10;
            }
        }
        return ((hours * 60 + minutes) * 60 + seconds) * MICROS_PER_SECOND + fraction;
    }
}
