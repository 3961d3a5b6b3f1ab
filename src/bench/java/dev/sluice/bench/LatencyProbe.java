package dev.sluice.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Live latency: a writer commits rows at a steady rate; each row's {@code updated_at} (MySQL's
 * time inside its statement, to the microsecond), and the time that statement returned, are
 * compared with the time the broker appended its record ({@code LogAppendTime} on the topic).
 * The first two seconds of each rate are warm-up.
 */
final class LatencyProbe {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long WARM_UP_MICROS = 2_000_000;

    /** Percentiles in milliseconds of one rate. */
    record Percentiles(int rowsPerSecond, int samples, double p50, double p95, double p99) {
    }

    private LatencyProbe() {
    }

    /**
     * Writes at {@code rowsPerSecond} for {@code seconds}, as one multi-row commit every 10 ms;
     * the rate is stored in {@code customer_id} so the records can be told apart.
     *
     * @return when each commit statement started and returned
     */
    static Statements write(OrdersTable table, int rowsPerSecond, int seconds) throws SQLException {
        int perTick = Math.max(1, rowsPerSecond / 100);
        int ticks = seconds * 100;
        StringBuilder sql = new StringBuilder("INSERT INTO bench.orders (customer_id, status, amount, note, created_at,"
                + " updated_at, payload, flag, qty) VALUES ");
        for (int k = 0; k < perTick; k++) {
            sql.append(k == 0 ? "" : ", ").append("(?, 'new', 1.00, 'latency', NOW(3), NOW(6), '{}', 0, 1)");
        }
        Statements statements = new Statements(ticks, perTick);
        try (Connection c = table.connect(); PreparedStatement insert = c.prepareStatement(sql.toString())) {
            for (int k = 1; k <= perTick; k++) {
                insert.setInt(k, rowsPerSecond);
            }
            long next = System.nanoTime();
            for (int tick = 0; tick < ticks; tick++) {
                long start = wallMicros();
                insert.executeUpdate();
                statements.add(start, wallMicros());
                next += 10_000_000L;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
        }
        return statements;
    }

    private static long wallMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }

    /**
     * When each of the writer's autocommit statements started and returned (wall clock, µs). A
     * row's {@code updated_at} is MySQL's NOW(6) inside its statement, so it names the statement.
     * By its return MySQL has synced the binlog, so Sluice can read the change from then at the
     * latest: latency from there leaves out MySQL's commit (and slightly understates Sluice's
     * share, the binlog being synced just before the InnoDB commit ends the statement).
     */
    static final class Statements {
        private final long[] starts;
        private final long[] ends;
        private final int rowsEach;
        private int count;

        Statements(int capacity, int rowsEach) {
            this.starts = new long[capacity];
            this.ends = new long[capacity];
            this.rowsEach = rowsEach;
        }

        void add(long startMicros, long endMicros) {
            starts[count] = startMicros;
            ends[count] = endMicros;
            count++;
        }

        int rows() {
            return count * rowsEach;
        }

        /** When the statement that ran at {@code micros} returned, or -1 if none of them ran then. */
        long returnOf(long micros) {
            int at = Arrays.binarySearch(starts, 0, count, micros);
            int index = at >= 0 ? at : -at - 2;
            return index >= 0 && micros <= ends[index] ? ends[index] : -1;
        }

        /** The statements' durations in milliseconds, sorted, after the warm-up. */
        double[] durationsMillis() {
            long from = count == 0 ? 0 : starts[0] + WARM_UP_MICROS;
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                if (starts[i] >= from) {
                    millis.add((ends[i] - starts[i]) / 1000.0);
                }
            }
            return millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        }
    }

    /**
     * Latency percentiles per rate, from the records of the latency topic: from each row's commit
     * to {@code arrivalMillis} of its record (the broker's append time, or when a consumer saw it).
     */
    static List<Percentiles> measure(List<ConsumerRecord<byte[], byte[]>> records,
            java.util.function.ToLongFunction<ConsumerRecord<byte[], byte[]>> arrivalMillis, int... rates)
            throws Exception {
        return measure(records, arrivalMillis, rate -> micros -> micros, rates);
    }

    /**
     * As {@link #measure}, but from when each row's statement returned (its commit done) instead
     * of from its {@code updated_at}.
     */
    static List<Percentiles> measureFromReturn(List<ConsumerRecord<byte[], byte[]>> records,
            java.util.function.ToLongFunction<ConsumerRecord<byte[], byte[]>> arrivalMillis,
            Map<Integer, Statements> statementsByRate) throws Exception {
        return measure(records, arrivalMillis, rate -> statementsByRate.get(rate)::returnOf,
                statementsByRate.keySet().stream().mapToInt(Integer::intValue).sorted().toArray());
    }

    private static List<Percentiles> measure(List<ConsumerRecord<byte[], byte[]>> records,
            java.util.function.ToLongFunction<ConsumerRecord<byte[], byte[]>> arrivalMillis,
            java.util.function.IntFunction<java.util.function.LongUnaryOperator> startOf, int... rates)
            throws Exception {
        List<Percentiles> result = new ArrayList<>();
        for (int rate : rates) {
            java.util.function.LongUnaryOperator start = startOf.apply(rate);
            List<long[]> samples = new ArrayList<>(); // {commit micros, latency micros}
            for (ConsumerRecord<byte[], byte[]> r : records) {
                if (r.value() == null) {
                    continue;
                }
                JsonNode after = JSON.readTree(r.value()).path("after");
                if (after.path("customer_id").asInt() != rate) {
                    continue;
                }
                Instant committed = Instant.parse(after.path("updated_at").asText());
                long commitMicros = committed.getEpochSecond() * 1_000_000 + committed.getNano() / 1000;
                long from = start.applyAsLong(commitMicros);
                if (from < 0) {
                    throw new IllegalStateException("no statement of the writer ran at " + committed);
                }
                samples.add(new long[] {commitMicros, arrivalMillis.applyAsLong(r) * 1000 - from});
            }
            if (samples.isEmpty()) {
                throw new IllegalStateException("no records of the " + rate + " rows/s phase");
            }
            long first = samples.stream().mapToLong(s -> s[0]).min().orElseThrow();
            double[] millis = samples.stream().filter(s -> s[0] >= first + WARM_UP_MICROS)
                    .mapToDouble(s -> s[1] / 1000.0).sorted().toArray();
            result.add(new Percentiles(rate, millis.length, percentile(millis, 50), percentile(millis, 95),
                    percentile(millis, 99)));
        }
        return result;
    }

    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static double median(double... values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
