package dev.sluice.config;

import jakarta.annotation.Priority;
import org.eclipse.microprofile.config.spi.Converter;

import java.util.Locale;

/**
 * Reads on/off settings strictly. The framework's own converter takes any word it does not know
 * for false, so {@code SLUICE_READ_ONLY=ture} would silently mean writes to the source.
 */
@Priority(200)
public final class StrictBoolean implements Converter<Boolean> {

    @Override
    public Boolean convert(String value) {
        String word = value.trim().toLowerCase(Locale.ROOT);
        return switch (word) {
            case "" -> null;
            case "true", "yes", "on", "1" -> Boolean.TRUE;
            case "false", "no", "off", "0" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("expected true or false, got '" + value + "'");
        };
    }
}
