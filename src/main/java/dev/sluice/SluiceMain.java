package dev.sluice;

import dev.sluice.config.ConfigurationException;
import dev.sluice.config.Settings;
import dev.sluice.config.SettingsValidator;
import dev.sluice.config.SluiceConfig;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.pipeline.PipelineState;
import dev.sluice.sink.KafkaUnavailableException;
import dev.sluice.source.SourceUnavailableException;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.util.Map;

/** Validates the settings, starts the pipeline, and runs until asked to stop. */
@QuarkusMain
public class SluiceMain implements QuarkusApplication {

    private static final Logger LOG = Logger.getLogger("dev.sluice");

    /** Exit code when the settings are invalid. */
    static final int EXIT_CONFIG = 2;
    /** Exit code when start-up or streaming failed. */
    static final int EXIT_FAILURE = 1;

    @Inject
    SluiceConfig config;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    @Inject
    Pipeline pipeline;

    public static void main(String... args) {
        Quarkus.run(SluiceMain.class, args);
    }

    @Override
    public int run(String... args) {
        Settings settings;
        try {
            settings = SettingsValidator.validate(config, kafka);
        } catch (ConfigurationException e) {
            e.problems().forEach(problem -> LOG.error("Configuration error: " + problem));
            return EXIT_CONFIG;
        }
        try {
            pipeline.start(settings);
        } catch (SourceUnavailableException | KafkaUnavailableException | IllegalStateException e) {
            LOG.error("Cannot start: " + e.getMessage());
            pipeline.stop();
            return EXIT_FAILURE;
        } catch (SQLException e) {
            LOG.error("Cannot start: reading the source failed: " + e.getMessage());
            pipeline.stop();
            return EXIT_FAILURE;
        }
        Quarkus.waitForExit();
        pipeline.stop();
        return pipeline.state() == PipelineState.FAILED ? EXIT_FAILURE : 0;
    }
}
