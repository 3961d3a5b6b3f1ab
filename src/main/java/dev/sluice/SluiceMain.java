package dev.sluice;

import dev.sluice.config.ConfigurationException;
import dev.sluice.config.Settings;
import dev.sluice.config.SettingsValidator;
import dev.sluice.config.SluiceConfig;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.pipeline.PipelineState;
import dev.sluice.schema.SchemaHistoryException;
import dev.sluice.sink.KafkaUnavailableException;
import dev.sluice.source.SourceUnavailableException;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.util.List;
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

    /** Quarkus is shutting down (SIGTERM, or the end of {@link #run}): deliver what was read, commit, stop. */
    void onShutdown(@Observes ShutdownEvent event) {
        pipeline.stop();
    }

    public static void main(String... args) {
        Quarkus.run(SluiceMain.class, SluiceMain::exit, args);
    }

    /** Start-up failures that happen before {@link #run} (a setting of the wrong type) end here. */
    private static void exit(int code, Throwable failure) {
        if (failure == null) {
            System.exit(code);
        }
        List<String> problems = StartupFailures.configurationProblems(failure);
        if (!problems.isEmpty()) {
            problems.forEach(problem -> System.err.println("Configuration error: " + problem));
            System.exit(EXIT_CONFIG);
        }
        System.err.println("Cannot start: " + StartupFailures.rootMessage(failure));
        System.exit(EXIT_FAILURE);
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
        } catch (SourceUnavailableException | KafkaUnavailableException | SchemaHistoryException
                | IllegalStateException e) {
            LOG.error("Cannot start: " + e.getMessage());
            pipeline.stop();
            return EXIT_FAILURE;
        } catch (SQLException e) {
            LOG.error("Cannot start: reading the source failed: " + e.getMessage());
            pipeline.stop();
            return EXIT_FAILURE;
        }
        Quarkus.waitForExit();
        return pipeline.state() == PipelineState.FAILED ? EXIT_FAILURE : 0;
    }
}
