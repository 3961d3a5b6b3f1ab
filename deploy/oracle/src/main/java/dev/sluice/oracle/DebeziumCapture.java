package dev.sluice.oracle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.Json;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs Debezium's embedded engine with the given properties and writes every record it produces
 * as one JSON line ({@code topic}, {@code key}, {@code value}: the JsonConverter's text, or null)
 * until a record arrives on the topic named by {@code oracle.stop.topic}.
 *
 * <p>Arguments: the engine's properties file, the output file, the time limit in seconds. Exit
 * status 0 when the stop record arrived, 2 on the time limit, 1 when the engine failed.
 */
public final class DebeziumCapture {

    private DebeziumCapture() {
    }

    public static void main(String[] args) throws Exception {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        String stopTopic = properties.getProperty("oracle.stop.topic");
        long limitSeconds = Long.parseLong(args[2]);
        ObjectMapper json = new ObjectMapper();
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicReference<String> failure = new AtomicReference<>();
        try (BufferedWriter out = Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8)) {
            DebeziumEngine<ChangeEvent<String, String>> engine = DebeziumEngine.create(Json.class)
                    .using(properties)
                    .notifying(record -> {
                        ObjectNode line = json.createObjectNode();
                        line.put("topic", record.destination());
                        line.put("key", record.key());
                        line.put("value", record.value());
                        try {
                            out.write(json.writeValueAsString(line));
                            out.newLine();
                            out.flush();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        if (record.destination().equals(stopTopic)) {
                            stopped.countDown();
                        }
                    })
                    .using((success, message, error) -> {
                        if (!success) {
                            failure.set(message + (error == null ? "" : ": " + error));
                        }
                        stopped.countDown();
                    })
                    .build();
            ExecutorService executor = Executors.newSingleThreadExecutor();
            executor.execute(engine);
            boolean done = stopped.await(limitSeconds, TimeUnit.SECONDS);
            if (failure.get() != null) {
                System.err.println("Debezium failed: " + failure.get());
                System.exit(1); // the engine has stopped itself
            }
            try {
                engine.close();
            } catch (RuntimeException e) {
                System.err.println("closing the engine: " + e);
            }
            executor.shutdown();
            executor.awaitTermination(60, TimeUnit.SECONDS);
            if (!done) {
                System.err.println("no record on " + stopTopic + " within " + limitSeconds + " s");
                System.exit(2);
            }
        }
        System.exit(0);
    }
}
