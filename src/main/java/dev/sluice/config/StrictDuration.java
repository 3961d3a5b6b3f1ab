package dev.sluice.config;

import io.quarkus.runtime.configuration.DurationConverter;
import jakarta.annotation.Priority;
import org.eclipse.microprofile.config.spi.Converter;

import java.time.Duration;

/** Reads durations as the framework does (500ms, 10s, 5m, ISO-8601), refusing others with an example. */
@Priority(200)
public final class StrictDuration implements Converter<Duration> {

    private static final DurationConverter FRAMEWORK = new DurationConverter();

    @Override
    public Duration convert(String value) {
        try {
            return FRAMEWORK.convert(value);
        } catch (IllegalArgumentException | ArithmeticException e) {
            // ArithmeticException: a number of units beyond what a Duration holds
            throw new IllegalArgumentException("expected a duration such as 500ms, 10s or 5m, got '" + value + "'");
        }
    }
}
