package dev.sluice.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fault suite's view of a data topic: reads it from the start on a thread of its own and
 * rebuilds the table row by row. A row's versions must arrive in order, each once: a version
 * already seen is a duplicate, a version skipped is a lost one.
 */
final class TopicReplica implements AutoCloseable {

    record Row(int version, String payload) {
    }

    /** What differs between the rebuilt table and the database. */
    record Differences(int missing, int extra, int wrong, List<String> examples) {
        boolean none() {
            return missing == 0 && extra == 0 && wrong == 0;
        }
    }

    private final String bootstrap;
    private final String topic;
    private final String isolation;
    private final Thread thread;
    private volatile boolean closed;
    /** Per key: the last change applied, as 2 x version (+1 for a delete). */
    private final Map<Long, Integer> lastStep = new HashMap<>();
    /** Per key: when its recent changes were first appended, by step modulo 8 (step, time pairs). */
    private final Map<Long, long[]> recentTimes = new HashMap<>();
    /** Per duplicate (by record index): when the change it repeats was first appended, if still known. */
    private final Map<Integer, Long> repeatedTime = new HashMap<>();
    private final Map<Long, Row> rows = new HashMap<>();
    private final List<Long> times = new ArrayList<>();
    private final BitSet duplicates = new BitSet();
    /** Keys a snapshot has read (op r). */
    private final java.util.Set<Long> readIds = new java.util.HashSet<>();
    private long lostVersions;
    /** Lost versions, not counting a key's first version when the key was never seen before. */
    private long lostAfterTheFirst;
    private long maxId;
    private long impossible;
    private final List<String> examples = new ArrayList<>();
    private final List<String> duplicateExamples = new ArrayList<>();
    private final List<String> repeatExamples = new ArrayList<>();

    TopicReplica(String bootstrap, String topic) {
        this(bootstrap, topic, "read_uncommitted");
    }

    /** @param isolation the consumer's isolation.level: read_committed sees only committed Kafka transactions */
    TopicReplica(String bootstrap, String topic, String isolation) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.isolation = isolation;
        this.thread = new Thread(this::consume, "topic-replica");
        thread.setDaemon(true);
        thread.start();
    }

    private void consume() {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            while (!closed) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    apply(record);
                }
            }
        } catch (org.apache.kafka.common.errors.InterruptException e) {
            // closing
        }
    }

    private synchronized void apply(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            return; // a tombstone after a delete
        }
        int index = times.size();
        times.add(record.timestamp());
        long id = ChangeEvents.parse(record.key()).path("id").asLong();
        JsonNode value = ChangeEvents.parse(record.value());
        JsonNode event = value.has("payload") ? value.get("payload") : value;
        String op = event.path("op").asText();
        JsonNode image = op.equals("d") ? event.get("before") : event.get("after");
        int version = image.path("v").asInt();
        int step = 2 * version + (op.equals("d") ? 1 : 0);
        int last = lastStep.getOrDefault(id, 0);
        long[] recent = recentTimes.computeIfAbsent(id, k -> new long[16]);
        boolean firstRead = op.equals("r") && readIds.add(id);
        if (firstRead && step == last) {
            return; // an incremental snapshot reading the version the stream delivered: nothing repeated
        }
        if (step <= last) {
            duplicates.set(index);
            int slot = 2 * (step & 7);
            if (recent[slot] == step) {
                repeatedTime.put(index, recent[slot + 1]);
            }
            List<String> kind = step < last ? duplicateExamples : repeatExamples;
            if (kind.size() < 10) {
                kind.add("id " + id + " " + op + " v" + version + " at " + record.timestamp() + " (offset "
                        + record.offset() + ") after v" + last / 2 + (last % 2 == 1 ? " deleted" : "") + " at "
                        + recent[2 * (last & 7) + 1]);
            }
            return;
        }
        if (last % 2 == 1) {
            impossible++;
            example("id " + id + ": " + op + " at version " + version + " after its delete");
        }
        int lost = op.equals("d") ? version - last / 2 : version - last / 2 - 1;
        if (lost > 0) {
            lostVersions += lost;
            lostAfterTheFirst += last == 0 ? lost - 1 : lost;
            example("id " + id + ": " + lost + " version(s) lost before " + op + " at version " + version);
        }
        lastStep.put(id, step);
        maxId = Math.max(maxId, id);
        recent[2 * (step & 7)] = step;
        recent[2 * (step & 7) + 1] = record.timestamp();
        if (op.equals("d")) {
            rows.remove(id);
        } else {
            rows.put(id, new Row(version, image.path("payload").asText(null)));
        }
    }

    private void example(String text) {
        if (examples.size() < 20) {
            examples.add(text);
        }
    }

    /** Compares the rebuilt table with the database's rows. */
    synchronized Differences compare(Map<Long, Row> database) {
        int missing = 0;
        int wrong = 0;
        List<String> found = new ArrayList<>();
        for (Map.Entry<Long, Row> row : database.entrySet()) {
            Row rebuilt = rows.get(row.getKey());
            if (rebuilt == null) {
                missing++;
                note(found, "missing id " + row.getKey());
            } else if (!rebuilt.equals(row.getValue())) {
                wrong++;
                note(found, "id " + row.getKey() + ": topic " + rebuilt + ", database " + row.getValue());
            }
        }
        int extra = 0;
        for (Long id : rows.keySet()) {
            if (!database.containsKey(id)) {
                extra++;
                note(found, "extra id " + id);
            }
        }
        return new Differences(missing, extra, wrong, found);
    }

    private static void note(List<String> found, String text) {
        if (found.size() < 10) {
            found.add(text);
        }
    }

    /** The highest id the topic has shown. */
    synchronized long maxId() {
        return maxId;
    }

    /** How many keys a snapshot has read (a key read twice counts once, and its second read as a duplicate). */
    synchronized long readKeys() {
        return readIds.size();
    }

    /**
     * Lost versions other than a key's first one: without an initial snapshot, rows that existed
     * before Sluice started show up first with a later version (or as an incremental snapshot's read).
     */
    synchronized long lostVersionsAfterTheFirst() {
        return lostAfterTheFirst;
    }

    synchronized long records() {
        return times.size();
    }

    synchronized long duplicates() {
        return duplicates.cardinality();
    }

    /** Duplicates appended to the topic in [from, to). */
    synchronized long duplicatesBetween(long fromMillis, long toMillis) {
        long count = 0;
        for (int i = duplicates.nextSetBit(0); i >= 0; i = duplicates.nextSetBit(i + 1)) {
            if (times.get(i) >= fromMillis && times.get(i) < toMillis) {
                count++;
            }
        }
        return count;
    }

    /**
     * For the duplicates appended in [from, to): how long before {@code from} the earliest change
     * they repeat was first appended; 0 when there are none.
     */
    synchronized long repeatedSpan(long fromMillis, long toMillis) {
        long earliest = fromMillis;
        for (int i = duplicates.nextSetBit(0); i >= 0; i = duplicates.nextSetBit(i + 1)) {
            Long first = repeatedTime.get(i);
            if (times.get(i) >= fromMillis && times.get(i) < toMillis && first != null) {
                earliest = Math.min(earliest, first);
            }
        }
        return fromMillis - earliest;
    }

    /** The append time of the first record at or after {@code millis}, or -1 when none yet. */
    synchronized long firstRecordAtOrAfter(long millis) {
        for (int i = times.size() - 1; i >= 0 && times.get(i) >= millis; i--) {
            if (i == 0 || times.get(i - 1) < millis) {
                return times.get(i);
            }
        }
        return -1;
    }

    /** Records appended at or after {@code millis}. */
    synchronized long recordsSince(long millis) {
        long count = 0;
        for (int i = times.size() - 1; i >= 0 && times.get(i) >= millis; i--) {
            count++;
        }
        return count;
    }

    synchronized long lostVersions() {
        return lostVersions;
    }

    /** Changes after a row's delete: impossible, as ids are never used twice. */
    synchronized long impossible() {
        return impossible;
    }

    /** Duplicates that repeat a version older than the key's latest. */
    synchronized List<String> duplicateExamples() {
        return List.copyOf(duplicateExamples);
    }

    /** Examples of the last version seen, repeated. */
    synchronized List<String> repeatExamples() {
        return List.copyOf(repeatExamples);
    }

    synchronized List<String> examples() {
        return List.copyOf(examples);
    }

    @Override
    public void close() {
        closed = true;
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
