package dev.sluice;

import dev.sluice.config.ConfigurationException;
import dev.sluice.config.Settings;
import dev.sluice.config.SettingsValidator;
import dev.sluice.config.SluiceConfig;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads settings from a map of environment variables the way a start does: SmallRye's mapping and
 * converters, then {@link SettingsValidator}, with framework failures turned into the operator's
 * lines by {@link StartupFailures}.
 */
final class ConfigHarness {

    /** Settings, or the lines start-up would print. */
    record Outcome(Settings settings, List<String> problems) {
    }

    private ConfigHarness() {
    }

    static Outcome read(Map<String, String> env) {
        SluiceConfig config;
        try {
            SmallRyeConfig smallRye = new SmallRyeConfigBuilder()
                    .withMapping(SluiceConfig.class)
                    .withSources(new EnvConfigSource(env, 300))
                    .withConverter(Duration.class, 200, new dev.sluice.config.StrictDuration())
                    .withConverter(Boolean.class, 200, new dev.sluice.config.StrictBoolean())
                    .build();
            config = smallRye.getConfigMapping(SluiceConfig.class);
        } catch (RuntimeException e) {
            List<String> problems = StartupFailures.configurationProblems(e);
            if (problems.isEmpty()) {
                throw e;
            }
            return new Outcome(null, problems);
        }
        Map<String, Object> kafka = new HashMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith("KAFKA_")) {
                kafka.put(name.substring(6).toLowerCase().replace('_', '.'), value);
            }
        });
        try {
            return new Outcome(SettingsValidator.validate(config, kafka, env.keySet()), List.of());
        } catch (ConfigurationException e) {
            return new Outcome(null, e.problems());
        }
    }
}
