package dev.sluice.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The image's start-up cache step (deploy/docker/start-cache.sh), run as the image build runs it:
 * the cache it makes must be one the same JVM maps, holding Sluice's own classes. The image runs
 * JDK 25, which gets an AOT cache; JDKs before 25 (the build's 17) get a class-data-sharing archive.
 */
class StartCacheIT {

    private static final Path APP = Path.of("target/quarkus-app");
    private static final Path OPTIONS = Path.of("deploy/docker/jvm.options");

    @Test
    void onTheTestsJdkTheCacheIsOneThatTheJvmLoadsSluiceFrom(@TempDir Path dir) throws Exception {
        Path javaHome = Path.of(System.getProperty("java.home"));
        if (Runtime.version().feature() < 25) {
            makeAndUse(javaHome, dir, "sluice.jsa", "-XX:SharedArchiveFile=", "-Xshare:on");
        } else {
            makeAndUse(javaHome, dir, "sluice.aot", "-XX:AOTCache=", "-XX:AOTMode=on");
        }
    }

    @Test
    void onTheImagesJdk25TheCacheIsAnAotCacheThatTheJvmLoadsSluiceFrom(@TempDir Path dir) throws Exception {
        makeAndUse(jdk25(), dir, "sluice.aot", "-XX:AOTCache=", "-XX:AOTMode=on");
    }

    /**
     * Makes the cache with the script, then starts Sluice through the option file it wrote, with
     * {@code strict}: an option that turns a cache the JVM cannot use into a start-up failure.
     */
    private static void makeAndUse(Path javaHome, Path dir, String cacheName, String option, String strict)
            throws Exception {
        Result made = run(List.of("sh", "deploy/docker/start-cache.sh", APP.toString(), OPTIONS.toString(),
                dir.toString()), Map.of("JAVA_HOME", javaHome.toString()), dir.resolve("make.log"));
        assertEquals(0, made.exit, made.output);
        Path cache = dir.resolve(cacheName);
        assertTrue(Files.size(cache) > 1_000_000, "cache of " + Files.size(cache) + " bytes");
        assertEquals(option + cache, Files.readString(dir.resolve("start-cache.options")).trim());

        Path classLog = dir.resolve("classes.log");
        List<String> command = new ArrayList<>(List.of(javaHome.resolve("bin/java").toString(), "@" + OPTIONS,
                "@" + dir.resolve("start-cache.options"), strict, "-Xlog:class+load=info:file=" + classLog,
                "-jar", APP.resolve("quarkus-run.jar").toString(), "check"));
        Result used = run(command, Map.of(), dir.resolve("use.log"));
        // Without settings it stops at their validation: Quarkus and Sluice's configuration have loaded by then.
        assertEquals(2, used.exit, used.output);
        assertTrue(used.output.contains("Configuration error: SLUICE_NAME is required"), used.output);
        assertFalse(used.output.contains("WARNING"), "the JVM warned:\n" + used.output);
        List<String> shared = Files.readAllLines(classLog).stream()
                .filter(line -> line.contains("source: shared objects file")).toList();
        assertTrue(shared.size() > 1000, "only " + shared.size() + " classes came from the cache");
        assertTrue(shared.stream().anyMatch(line -> line.contains(" dev.sluice.config.")),
                "no class of Sluice's came from the cache");
    }

    /** The image's JDK: SLUICE_TEST_JDK25_HOME, or a JDK 25 under /usr/lib/jvm. */
    private static Path jdk25() throws IOException {
        String configured = System.getenv("SLUICE_TEST_JDK25_HOME");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        try (Stream<Path> jvms = Files.list(Path.of("/usr/lib/jvm"))) {
            return jvms.filter(p -> p.getFileName().toString().matches("(temurin|java)-25.*"))
                    .filter(p -> Files.isExecutable(p.resolve("bin/java"))).sorted().findFirst()
                    .orElseThrow(() -> new AssertionError("no JDK 25 under /usr/lib/jvm, which the image runs:"
                            + " install one or name it with SLUICE_TEST_JDK25_HOME"));
        }
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command, Map<String, String> extraEnv, Path log)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("SLUICE_") || k.startsWith("KAFKA_")
                || k.startsWith("QUARKUS_"));
        builder.environment().putAll(extraEnv);
        Process process = builder.start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(command + " did not finish within 180 s:\n" + Files.readString(log));
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
