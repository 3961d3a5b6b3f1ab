package dev.sluice.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the local stack's scripts (deploy/local) for dedicated servers a test starts and stops itself. */
final class LocalStack {

    private LocalStack() {
    }

    static Path scripts() {
        return Path.of(System.getProperty("sluice.stack.scripts", "deploy/local"));
    }

    /** Where the stack keeps its servers' state (the scripts' STACK_HOME). */
    static Path home() {
        String home = System.getenv("SLUICE_STACK_HOME");
        return home == null || home.isBlank() ? Path.of(System.getProperty("user.home"), ".cache", "sluice-stack")
                : Path.of(home);
    }

    static void run(String script, Map<String, String> env, String... args) {
        capture(script, env, args);
    }

    /** Runs a script as {@link #run} does and returns what it printed (its output and errors). */
    static String capture(String script, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", scripts().resolve(script).toString()));
        command.addAll(List.of(args));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(env);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
