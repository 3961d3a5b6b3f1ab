package dev.sluice.pipeline;

import dev.sluice.config.Settings;
import dev.sluice.offset.OffsetStore;
import dev.sluice.sink.KafkaClients;
import dev.sluice.sink.KafkaSchemaHistoryStore;
import dev.sluice.sink.KafkaUnavailableException;
import dev.sluice.sink.TopicAdmin;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Start-up's Kafka side: reaching the cluster, the offsets and schema-history topics, and the
 * stored offset. It runs on a thread of its own from before the preflight checks, because it
 * takes about as long as checking the source server, and start-up is part of every catch-up.
 */
final class KafkaStartup {

    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);

    /** What start-up reads from Kafka. */
    record Ready(KafkaClients clients, TopicAdmin admin, OffsetStore offsets, KafkaSchemaHistoryStore history,
            OffsetStore.Stored stored) {

        void close() {
            history.close();
            admin.close();
        }
    }

    private final Settings settings;
    private CompletableFuture<Ready> ready;

    KafkaStartup(Settings settings) {
        this.settings = settings;
    }

    /** Starts the Kafka side, once. */
    synchronized void begin() {
        if (ready != null) {
            return;
        }
        CompletableFuture<Ready> future = new CompletableFuture<>();
        ready = future;
        Thread thread = new Thread(() -> {
            try {
                future.complete(read());
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        }, "sluice-startup-kafka");
        thread.setDaemon(true);
        thread.start();
    }

    /** Its result, or its failure as thrown there (each step has its own timeout). */
    Ready await() {
        begin();
        try {
            return ready.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted while connecting to Kafka", e);
        }
    }

    /** Start-up will not use it after all: closes what it opened, once it has. */
    synchronized void abandon() {
        if (ready != null) {
            ready.thenAccept(Ready::close);
        }
    }

    private Ready read() {
        KafkaClients clients = new KafkaClients(settings.kafka(), settings.name());
        TopicAdmin admin = new TopicAdmin(clients);
        KafkaSchemaHistoryStore history = null;
        try {
            admin.checkReachable(KAFKA_TIMEOUT);
            OffsetStore offsets = new OffsetStore(settings.offsetsTopic(), settings.name());
            offsets.ensureTopic(admin, settings.topicReplicationFactor());
            history = new KafkaSchemaHistoryStore(clients, settings.schemaHistory().topic(), settings.topicPrefix());
            history.ensureTopic(admin, settings.topicReplicationFactor());
            return new Ready(clients, admin, offsets, history, offsets.load(clients, KAFKA_TIMEOUT));
        } catch (RuntimeException e) {
            if (history != null) {
                history.close();
            }
            admin.close();
            throw e;
        }
    }
}
