package dev.sluice.bench;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import com.github.shyiko.mysql.binlog.network.SSLMode;
import dev.sluice.bench.BenchConfig.Server;
import dev.sluice.sink.KafkaClients;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The machine's own limits Sluice is measured against, each measured the plainest way. */
final class Limits {

    /** Sluice's producer defaults, whose batching the Kafka ceilings use. */
    private static final Map<String, Object> SLUICE_PRODUCER =
            new KafkaClients(Map.of("bootstrap.servers", "unused:9092"), "bench").producer();

    private static final Pattern PERF_SUMMARY = Pattern.compile("records sent, ([0-9.]+) records/sec");

    private Limits() {
    }

    /** A limit's rate, and how much it got done per CPU-second of the process that did it. */
    record Rate(double perSecond, double perCpuSecond) {
    }

    /**
     * A plain BinaryLogClient with a no-op listener reads a backlog: row changes per second, and
     * per CPU-second of this process (otherwise idle meanwhile; its JIT and GC included, as in
     * Sluice's figure).
     */
    static Rate rawDecode(Server server, String[] from, String[] to, long expectedRows) throws Exception {
        BinaryLogClient client = new BinaryLogClient(server.host(), server.port(), server.user(), server.password());
        client.setServerId(1_999_999_001L);
        client.setSSLMode(SSLMode.DISABLED);
        client.setKeepAlive(false);
        client.setBinlogFilename(from[0]);
        client.setBinlogPosition(Long.parseLong(from[1]));
        AtomicLong rows = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        long endPosition = Long.parseLong(to[1]);
        client.registerEventListener(event -> {
            Object data = event.getData();
            if (data instanceof WriteRowsEventData w) {
                rows.addAndGet(w.getRows().size());
            } else if (data instanceof UpdateRowsEventData u) {
                rows.addAndGet(u.getRows().size());
            } else if (data instanceof DeleteRowsEventData d) {
                rows.addAndGet(d.getRows().size());
            }
            if (event.getHeader() instanceof EventHeaderV4 h && client.getBinlogFilename().equals(to[0])
                    && h.getNextPosition() >= endPosition) {
                done.countDown();
            }
        });
        long self = ProcessHandle.current().pid();
        double cpuAtStart = ProcessCpu.seconds(self);
        long start = System.nanoTime();
        client.connect(30_000);
        try {
            if (!done.await(30, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the raw binlog read did not reach the backlog's end");
            }
        } finally {
            client.disconnect();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = ProcessCpu.seconds(self) - cpuAtStart;
        if (rows.get() < expectedRows) {
            throw new IllegalStateException("the raw binlog read saw " + rows.get() + " rows of " + expectedRows);
        }
        return new Rate(rows.get() / seconds, rows.get() / cpu);
    }

    /** A streaming JDBC SELECT of the whole table into nothing: rows per second. */
    static double rawRead(OrdersTable table) throws SQLException {
        long start = System.nanoTime();
        long rows = 0;
        try (Connection c = table.connect();
                Statement s = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            s.setFetchSize(Integer.MIN_VALUE);
            try (ResultSet rs = s.executeQuery("SELECT * FROM bench.orders")) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int k = 1; k <= columns; k++) {
                        rs.getBytes(k);
                    }
                    rows++;
                }
            }
        }
        return rows / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * Kafka's own producer performance tool with Sluice's batching (acks=all, idempotence, Sluice's
     * default linger and batch size) and no compression, sending as many records of the same size as
     * Sluice's: records per second. The limit: what the broker absorbs of such records.
     */
    static Rate kafkaCeiling(BenchConfig config, String topic, long records, int recordBytes) throws Exception {
        return producerPerformance(config, topic, records, "none", "--record-size", Integer.toString(recordBytes));
    }

    /**
     * The same tool sending Sluice's own record values with Sluice's compression (LZ4 unless
     * BENCH_KAFKA_COMPRESSION_TYPE says otherwise): the broker's limit for what Sluice sends.
     * Its CPU per record is the least a producer of these records spends with Kafka's client.
     */
    static Rate kafkaCeilingAsSluiceSends(BenchConfig config, String topic, long records, Path payloads)
            throws Exception {
        String compression = System.getenv().getOrDefault("BENCH_KAFKA_COMPRESSION_TYPE", "lz4");
        return producerPerformance(config, topic, records, compression, "--payload-file", payloads.toString());
    }

    /**
     * Runs the tool; its CPU is read over the stretch its own rate covers (the sending and the
     * producer's close, not its JVM's start), from samples of the process's CPU.
     */
    private static Rate producerPerformance(BenchConfig config, String topic, long records, String compression,
            String payloadOption, String payloadValue) throws Exception {
        List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx512m",
                "-cp", config.kafkaLib().toAbsolutePath() + "/*", "org.apache.kafka.tools.ProducerPerformance",
                "--topic", topic, "--num-records", Long.toString(records), payloadOption, payloadValue,
                "--throughput", "-1", "--producer-props", "bootstrap.servers=" + config.bootstrap(), "acks=all",
                "enable.idempotence=true", "linger.ms=" + SLUICE_PRODUCER.get(ProducerConfig.LINGER_MS_CONFIG),
                "batch.size=" + SLUICE_PRODUCER.get(ProducerConfig.BATCH_SIZE_CONFIG), "compression.type=" + compression);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String summary = null;
        long summaryNanos = 0;
        StringBuilder output = new StringBuilder();
        try (ProcessCpu cpu = ProcessCpu.watch(process.pid());
                BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                output.append(line).append('\n');
                if (line.startsWith(records + " records sent")) {
                    summary = line;
                    summaryNanos = System.nanoTime();
                }
            }
            if (summary != null) {
                Matcher m = PERF_SUMMARY.matcher(summary);
                if (!m.find()) {
                    throw new IllegalStateException("unexpected producer performance summary: " + summary);
                }
                double rate = Double.parseDouble(m.group(1));
                long sendingNanos = (long) (records / rate * 1e9);
                double cpuSeconds = cpu.between(summaryNanos - sendingNanos, summaryNanos);
                if (process.waitFor(30, TimeUnit.MINUTES) && process.exitValue() == 0) {
                    return new Rate(rate, records / cpuSeconds);
                }
            }
        }
        process.waitFor(30, TimeUnit.MINUTES);
        throw new IllegalStateException("the producer performance tool failed:\n" + output);
    }
}
