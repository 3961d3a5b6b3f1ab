package dev.sluice.it;

import java.util.Map;

/**
 * A Kafka broker of one test's own (deploy/local/kafka.sh under its own name and port), which the
 * test may stop, kill, freeze and start again without disturbing the shared broker.
 */
final class DedicatedKafka implements AutoCloseable {

    private final String name;
    private final int port;

    private DedicatedKafka(String name, int port) {
        this.name = name;
        this.port = port;
    }

    /** Starts (or reuses) the broker; the controller listens on {@code port + 1}. */
    static DedicatedKafka start(String name, int port) {
        DedicatedKafka kafka = new DedicatedKafka(name, port);
        kafka.start();
        return kafka;
    }

    String bootstrap() {
        return "127.0.0.1:" + port;
    }

    void start() {
        script("start");
    }

    /** SIGTERM, and wait until it is gone. */
    void stop() {
        script("stop");
    }

    void kill() {
        script("kill");
    }

    void freeze() {
        script("freeze");
    }

    void thaw() {
        script("thaw");
    }

    private void script(String action) {
        LocalStack.run("kafka.sh", Map.of(), action, name, String.valueOf(port));
    }

    /** Stops the broker and removes its data: its topics belong to this test alone. */
    @Override
    public void close() {
        try {
            thaw();
        } catch (AssertionError notFrozenOrGone) {
            // nothing to thaw
        }
        script("wipe");
    }
}
