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
import java.util.function.Supplier;

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
        ready = onOwnThread("sluice-startup-kafka", this::read);
    }

    /** Its result, or its failure as thrown there (each step has its own timeout). */
    Ready await() {
        begin();
        return result(ready, "connecting to Kafka");
    }

    /** Start-up will not use it after all: closes what it opened, once it has. */
    synchronized void abandon() {
        if (ready != null) {
            ready.thenAccept(Ready::close);
        }
    }

    /**
     * The stored offset is read beside the topic checks, by a consumer that may not create
     * topics: where the offsets topic does not exist yet it finds no offset, as a first start has.
     */
    private Ready read() {
        KafkaClients clients = new KafkaClients(settings.kafka(), settings.name());
        OffsetStore offsets = new OffsetStore(settings.offsetsTopic(), settings.name());
        CompletableFuture<OffsetStore.Stored> stored = onOwnThread("sluice-startup-offsets",
                () -> offsets.load(clients, KAFKA_TIMEOUT));
        TopicAdmin admin = new TopicAdmin(clients);
        KafkaSchemaHistoryStore history = null;
        try {
            admin.checkReachable(KAFKA_TIMEOUT);
            offsets.ensureTopic(admin, settings.topicReplicationFactor());
            history = new KafkaSchemaHistoryStore(clients, settings.schemaHistory().topic(), settings.topicPrefix());
            history.ensureTopic(admin, settings.topicReplicationFactor());
            return new Ready(clients, admin, offsets, history, result(stored, "reading the stored offset"));
        } catch (RuntimeException e) {
            if (history != null) {
                history.close();
            }
            admin.close();
            throw e;
        }
    }

    private static <T> CompletableFuture<T> onOwnThread(String name, Supplier<T> work) {
        CompletableFuture<T> future = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                future.complete(work.get());
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return future;
    }

    /** The result, or the failure as thrown on its thread (each step has its own timeout). */
    private static <T> T result(CompletableFuture<T> future, String doing) {
        try {
            return future.get();
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
            throw new KafkaUnavailableException("interrupted while " + doing, e);
        }
    }
}
