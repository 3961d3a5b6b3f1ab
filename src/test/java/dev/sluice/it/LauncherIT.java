package dev.sluice.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's command, deploy/sluice.sh, runs the jar with the container image's JVM options,
 * adds SLUICE_JAVA_OPTIONS after them, and keeps that variable from Sluice, which refuses unknown
 * SLUICE_ variables.
 */
class LauncherIT {

    @Test
    void theLauncherUsesTheImageOptionsAndTakesMore() throws IOException, InterruptedException {
        DbServer server = DbServer.mysql();
        ProcessBuilder builder = new ProcessBuilder("bash", LocalStack.scripts().resolve("../sluice.sh").toString(),
                "check").redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("SLUICE_") || k.startsWith("KAFKA_") || k.startsWith("QUARKUS_"));
        env.putAll(SluiceProcess.env(server, "launcher", "launcher_none.*"));
        env.put("SLUICE_JAVA_OPTIONS", "-XX:+PrintCommandLineFlags -Xmx200m");
        Process process = builder.start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the check did not end within 120 s");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(output.contains("-XX:+UseSerialGC"), "the image's collector:\n" + output);
        assertTrue(output.contains("-XX:+ExitOnOutOfMemoryError"), "the image's OOM exit:\n" + output);
        assertTrue(output.contains("-XX:MaxHeapSize=209715200"), "SLUICE_JAVA_OPTIONS after the image's -Xmx160m:\n"
                + output);
        assertTrue(output.contains("binlog_format"), "the check ran:\n" + output);
        assertTrue(!output.contains("SLUICE_JAVA_OPTIONS"), "Sluice never saw the launcher's variable:\n" + output);
        // 0 or 1 by what the check finds; 2 would be a refused setting
        assertTrue(process.exitValue() == 0 || process.exitValue() == 1, "exit " + process.exitValue() + ":\n" + output);
    }
}
