package dev.sluice;

import dev.sluice.config.ConfigurationException;
import dev.sluice.config.Settings;
import dev.sluice.config.SettingsValidator;
import dev.sluice.config.KnownSettings;
import dev.sluice.config.SluiceConfig;
import dev.sluice.ops.check.CheckReport;
import dev.sluice.ops.check.CheckResult;
import dev.sluice.ops.check.Preflight;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.pipeline.PipelineState;
import dev.sluice.schema.SchemaHistoryException;
import dev.sluice.sink.KafkaUnavailableException;
import dev.sluice.source.SourceUnavailableException;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.annotations.CommandLineArguments;
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
    /** The preflight checks, printed; exit code 1 when one fails. */
    private static int check(Settings settings, boolean json) {
        List<CheckResult> results = Preflight.runWithKafka(settings);
        System.out.print(json ? CheckReport.json(results) : CheckReport.text(results));
        System.out.flush();
        return CheckReport.failed(results) ? EXIT_FAILURE : 0;
    }

    /** Exit code when start-up or streaming failed. */
    static final int EXIT_FAILURE = 1;

    @Inject
    SluiceConfig config;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    @Inject
    Pipeline pipeline;

    @Inject
    @CommandLineArguments
    String[] arguments;

    /**
     * Start-up's Kafka side begins as soon as the beans exist, while Quarkus still opens its HTTP
     * server and builds the metrics registry (about a quarter of a second). Invalid settings are
     * left for {@link #run} to report.
     */
    void onStartup(@Observes StartupEvent event) {
        if (arguments.length > 0) {
            return;
        }
        try {
            Settings settings = SettingsValidator.validate(config, kafka);
            if (!settings.standby()) { // a standby reads the offset only once it holds the lead
                pipeline.prepare(settings);
            }
        } catch (ConfigurationException e) {
            LOG.debug("Settings are invalid; start-up will report it");
        }
    }

    /** Quarkus is shutting down (SIGTERM, or the end of {@link #run}): deliver what was read, commit, stop. */
    void onShutdown(@Observes ShutdownEvent event) {
        pipeline.stop();
    }

    public static void main(String... args) {
        if (args.length > 0 && args[0].equals("check")) {
            // The check command prints its report and exits: no fixed HTTP port, no routine log lines.
            System.setProperty("quarkus.http.port", "0");
            System.setProperty("quarkus.log.level", "WARN");
            System.setProperty("quarkus.log.category.\"dev.sluice\".level", "WARN");
        }
        Quarkus.run(SluiceMain.class, SluiceMain::exit, args);
    }

    /** Start-up failures that happen before {@link #run} (a setting of the wrong type) end here. */
    private static void exit(int code, Throwable failure) {
        if (failure == null) {
            System.exit(code);
        }
        List<String> problems = StartupFailures.configurationProblems(failure);
        if (!problems.isEmpty()) {
            problems.addAll(KnownSettings.unknown(System.getenv().keySet()));
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
            e.problems().forEach(problem -> System.err.println("Configuration error: " + problem));
            return EXIT_CONFIG;
        }
        if (args.length > 0 && args[0].equals("check")) {
            return check(settings, List.of(args).contains("json") || List.of(args).contains("--format=json"));
        }
        if (args.length > 0) {
            System.err.println("Unknown command '" + args[0] + "': run without arguments to stream, or 'check [--format"
                    + " json]' to verify the setup");
            return EXIT_CONFIG;
        }
        if (!settings.standby()) {
            pipeline.prepare(settings);
        }
        List<CheckResult> preflight = Preflight.run(settings);
        preflight.stream().filter(r -> r.status() == CheckResult.Status.WARN)
                .forEach(r -> LOG.warn("Check " + r.name() + ": " + r.found() + " (fix: " + r.fix() + ")"));
        if (CheckReport.failed(preflight)) {
            preflight.stream().filter(r -> r.status() == CheckResult.Status.FAIL)
                    .forEach(r -> LOG.error("Cannot start: " + r.found() + (r.fix() == null ? "" : " (fix: " + r.fix() + ")")));
            pipeline.stop();
            return EXIT_FAILURE;
        }
        try {
            if (settings.standby() && !pipeline.awaitLead(settings)) {
                return 0; // stopped while waiting
            }
            pipeline.start(settings);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pipeline.stop();
            return 0;
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
        return pipeline.state() == PipelineState.FAILED || pipeline.hasLostLead() ? EXIT_FAILURE : 0;
    }
}
