package dev.sluice.it;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SLUICE_STANDBY: three Sluices of one name, started one after another. One streams, the next
 * waits (alive, not ready). The active one is killed with -9: the standby takes over. A third
 * waits; the active one is frozen: the third takes over, and the frozen one, thawed, finds it
 * lost the lead and exits with a failure. Throughout, a writer inserts rows; every one reaches
 * the topic. The takeover times are printed, not asserted (the README reports them). With
 * SLUICE_EXACTLY_ONCE too, a read_committed consumer sees each row once: the new leader's
 * transactional producer fences the old one.
 */
class StandbyIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final DbServer SERVER = DbServer.mysql();

    @ParameterizedTest(name = "exactly once: {0}")
    @ValueSource(booleans = {false, true})
    void aStandbyTakesOverWhenTheActiveOneDiesOrFreezes(boolean exactlyOnce) throws InterruptedException {
        try (TestDatabase db = new TestDatabase(SERVER, "standby")) {
            String table = db.name() + ".t";
            SERVER.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY)");
            Map<String, String> env = SluiceProcess.env(SERVER, db.connector(), table);
            env.put("SLUICE_STANDBY", "true");
            env.put("SLUICE_EXACTLY_ONCE", String.valueOf(exactlyOnce));
            Supplier<List<ConsumerRecord<String, String>>> topic = () -> exactlyOnce
                    ? KafkaTopics.readCommitted(db.topic("t")) : KafkaTopics.read(db.topic("t"));
            AtomicInteger written = new AtomicInteger();
            Thread writer = new Thread(() -> write(table, written), "standby-writer");
            SluiceProcess closeLater = null;
            try (SluiceProcess a = SluiceProcess.start("standby-a", env)) {
                a.awaitLog("Took the lead", WAIT);
                a.awaitStreaming();
                SluiceProcess b = SluiceProcess.start("standby-b", env);
                closeLater = b;
                b.awaitLog("Standby: waiting", WAIT);
                Http.Response ready = Http.get(b.httpBase() + "/q/health/ready");
                assertEquals(503, ready.status(), ready.body());
                assertTrue(ready.body().contains("standby: another Sluice of this name streams"), ready.body());
                assertEquals(200, Http.get(b.httpBase() + "/q/health/live").status());
                writer.start();
                Await.until(WAIT, "rows streamed by the first", () -> topic.get().size() > 200);

                long killed = System.currentTimeMillis();
                a.kill();
                b.awaitStreaming();
                System.out.printf("standby took over %d ms after the active one was killed%n",
                        System.currentTimeMillis() - killed);
                int before = written.get();
                Await.until(WAIT, "rows streamed by the second",
                        () -> topic.get().size() > before + 200);

                try (SluiceProcess c = SluiceProcess.start("standby-c", env)) {
                    c.awaitLog("Standby: waiting", WAIT);
                    long frozen = System.currentTimeMillis();
                    b.freeze();
                    c.awaitStreaming();
                    System.out.printf("standby took over %d ms after the active one froze%n",
                            System.currentTimeMillis() - frozen);
                    b.thaw();
                    assertEquals(1, b.awaitExit(WAIT), "a thawed instance that lost the lead fails:\n" + b.output());
                    assertTrue(b.output().contains("Lost the lead")
                            || exactlyOnce && b.output().contains("fenced this one"), b.output());
                    writer.interrupt();
                    writer.join(30_000);
                    int last = written.get();
                    Set<Integer> ids = new TreeSet<>();
                    AtomicReference<List<ConsumerRecord<String, String>>> records = new AtomicReference<>(List.of());
                    Await.until(WAIT, "every written row in the topic", () -> {
                        ids.clear();
                        records.set(topic.get());
                        records.get().forEach(r -> ids.add(ChangeEvents.parse(r.key()).path("id").asInt()));
                        return ids.size() == last;
                    });
                    assertEquals(last, ids.stream().mapToInt(Integer::intValue).max().orElse(0));
                    if (exactlyOnce) {
                        assertEquals(last, records.get().size(), "a read_committed consumer saw a row twice");
                    }
                    assertTrue(c.isAlive(), c.output());
                }
            } finally {
                writer.interrupt();
                writer.join(30_000);
                if (closeLater != null) {
                    closeLater.close();
                }
            }
        }
    }

    /** Inserts ids 1, 2, ... until interrupted; {@code written} is the last one committed. */
    private static void write(String table, AtomicInteger written) {
        try (Connection c = SERVER.admin(); Statement s = c.createStatement()) {
            while (!Thread.currentThread().isInterrupted()) {
                s.executeUpdate("INSERT INTO " + table + " VALUES (" + (written.get() + 1) + ")");
                written.incrementAndGet();
                Thread.sleep(5); // a steady trickle, not a flood
            }
        } catch (InterruptedException e) {
            // done
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
