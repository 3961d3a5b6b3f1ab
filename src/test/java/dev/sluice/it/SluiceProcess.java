package dev.sluice.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sluice's packaged jar running as a real process with the given environment (the same way an
 * operator runs it), its output captured to a log file under target/it-logs.
 */
public final class SluiceProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("Listening on: (http://\\S+)");

    private final Process process;
    private final Path log;
    private final long logStart;

    private SluiceProcess(Process process, Path log, long logStart) {
        this.process = process;
        this.log = log;
        this.logStart = logStart;
    }

    public static SluiceProcess start(String logName, Map<String, String> env) {
        return start(logName, env, new String[0]);
    }

    /** Runs the jar with arguments, e.g. {@code check --format json}. */
    public static SluiceProcess start(String logName, Map<String, String> env, String... args) {
        return startWithHeap(logName, env, "256m", args);
    }

    /** Runs the jar with a heap of this size, exiting on OutOfMemoryError as the container image does. */
    public static SluiceProcess startWithHeap(String logName, Map<String, String> env, String heap, String... args) {
        List<String> jvmOptions = new ArrayList<>(List.of("-Xmx" + heap));
        jvmOptions.addAll(StartCache.options());
        return launch(logName, env, jvmOptions, args);
    }

    /** Runs the jar with these JVM options besides the ones every test process has. */
    static SluiceProcess launch(String logName, Map<String, String> env, List<String> jvmOptions, String... args) {
        String jar = System.getProperty("sluice.jar", "target/quarkus-app/quarkus-run.jar");
        Path logs = Path.of(System.getProperty("sluice.test.logs", "target/it-logs"));
        String javaBinary = ProcessHandle.current().info().command().orElse("java");
        try {
            Files.createDirectories(logs);
            Path log = logs.resolve(logName + ".log");
            List<String> command = new ArrayList<>(List.of(javaBinary));
            command.addAll(jvmOptions);
            command.addAll(List.of("-XX:+ExitOnOutOfMemoryError", "-XX:TieredStopAtLevel=1", "-jar", jar));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command);
            Map<String, String> environment = builder.environment();
            environment.keySet().removeIf(k -> k.startsWith("SLUICE_") || k.startsWith("KAFKA_")
                    || k.startsWith("QUARKUS_"));
            environment.put("SLUICE_HTTP_PORT", "0");
            environment.putAll(env);
            builder.redirectErrorStream(true);
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            Files.writeString(log, "=== start " + Instant.now() + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            long logStart = Files.size(log);
            return new SluiceProcess(builder.start(), log, logStart);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start Sluice: " + e.getMessage(), e);
        }
    }

    /** The usual environment for a test: a connector name, tables, Kafka, and this server. */
    public static Map<String, String> env(DbServer server, String name, String tables) {
        Map<String, String> env = new HashMap<>(server.sluiceEnv());
        env.put("SLUICE_NAME", name);
        env.put("SLUICE_TABLES", tables);
        env.put("SLUICE_SNAPSHOT_MODE", "never");
        env.put("KAFKA_BOOTSTRAP_SERVERS", KafkaTopics.bootstrap());
        return env;
    }

    /** What this process printed (the log file may hold earlier runs of the same test too). */
    public String output() {
        try {
            byte[] all = Files.readAllBytes(log);
            int from = (int) Math.min(logStart, all.length);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    public void awaitLog(String text, Duration timeout) {
        try {
            Await.until(timeout, "'" + text + "' in " + log, () -> {
                if (!process.isAlive() && !output().contains(text)) {
                    throw new AssertionError("Sluice exited (code " + process.exitValue() + ") before logging '"
                            + text + "':\n" + output());
                }
                return output().contains(text);
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n--- output ---\n" + output(), e);
        }
    }

    /** Waits until the binlog stream is open. */
    public SluiceProcess awaitStreaming() {
        awaitLog("Streaming from", Duration.ofSeconds(90));
        return this;
    }

    public String httpBase() {
        Matcher m = LISTENING.matcher(output());
        if (!m.find()) {
            throw new AssertionError("Sluice did not report its HTTP address:\n" + output());
        }
        return m.group(1);
    }

    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("Sluice did not exit within " + timeout.toSeconds() + "s:\n" + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** SIGTERM, as Kubernetes stops a pod, and wait for the exit code. */
    public int stop() {
        process.destroy();
        return awaitExit(Duration.ofSeconds(90));
    }

    /** SIGKILL: a crash at an arbitrary instant. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /** SIGSTOP: the process freezes with its sockets open, as under a stalled node or a debugger. */
    public void freeze() {
        signal("STOP");
    }

    /** SIGCONT after {@link #freeze()}. */
    public void thaw() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
            if (!kill.waitFor(30, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new AssertionError("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            signal("CONT");
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
