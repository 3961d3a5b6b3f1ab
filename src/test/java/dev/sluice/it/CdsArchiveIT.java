package dev.sluice.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The image's class-data-sharing step (deploy/docker/cds-archive.sh), run as the image build
 * runs it: the archive it makes must be one this JVM maps, holding Sluice's own classes.
 */
class CdsArchiveIT {

    private static final Path APP = Path.of("target/quarkus-app");
    private static final Path OPTIONS = Path.of("deploy/docker/jvm.options");

    @Test
    void theArchiveIsMadeWithoutServersAndTheJvmLoadsSluiceFromIt(@TempDir Path dir) throws Exception {
        Path archive = dir.resolve("sluice.jsa");
        Result made = run(List.of("sh", "deploy/docker/cds-archive.sh", APP.toString(), OPTIONS.toString(),
                archive.toString()), dir.resolve("make.log"));
        assertEquals(0, made.exit, made.output);
        assertTrue(Files.size(archive) > 1_000_000, "archive of " + Files.size(archive) + " bytes");

        // -Xshare:on turns an archive the JVM cannot use into a start-up failure instead of a warning.
        Path classLog = dir.resolve("classes.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        Result used = run(List.of(java, "@" + OPTIONS, "-Xshare:on", "-XX:SharedArchiveFile=" + archive,
                "-Xlog:class+load=info:file=" + classLog, "-jar", APP.resolve("quarkus-run.jar").toString(),
                "check"), dir.resolve("use.log"));
        // Without settings it stops at their validation: Quarkus and Sluice's configuration have loaded by then.
        assertEquals(2, used.exit, used.output);
        assertTrue(used.output.contains("Configuration error: SLUICE_NAME is required"), used.output);
        List<String> shared = Files.readAllLines(classLog).stream()
                .filter(line -> line.contains("source: shared objects file (top)")).toList();
        assertTrue(shared.size() > 1000, "only " + shared.size() + " classes came from the archive");
        assertTrue(shared.stream().anyMatch(line -> line.contains(" dev.sluice.config.")),
                "no class of Sluice's came from the archive");
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command, Path log) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("SLUICE_") || k.startsWith("KAFKA_")
                || k.startsWith("QUARKUS_"));
        Process process = builder.start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(command + " did not finish within 180 s:\n" + Files.readString(log));
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
