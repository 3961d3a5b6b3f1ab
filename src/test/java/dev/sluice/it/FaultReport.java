package dev.sluice.it;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The fault suite's report: each fault, the totals, and the targets met or missed. */
final class FaultReport {

    static final long RECOVERY_TARGET_MILLIS = 5_000;
    /** Duplicates per kill -9 of Sluice: a tenth of the 900 measured before offsets were flushed every 100 ms. */
    static final long DUPLICATES_PER_KILL_TARGET = 90;

    private FaultReport() {
    }

    static String render(long seed, int rounds, int rate, long elapsedMillis, List<FaultSuiteIT.Fault> faults,
            FaultWriter writer, TopicReplica replica, TopicReplica.Differences differences, int rows,
            Duration maxSilence) {
        StringBuilder out = new StringBuilder();
        out.append("# Fault suite report\n\n");
        out.append(String.format("Seed %d, %d round(s) of the fault kinds below, writer at %d changes/s, %d s in all.%n%n",
                seed, rounds, rate, elapsedMillis / 1000));
        out.append("| # | fault | lasted ms | readiness failed after ms | first new record after its end, ms | duplicates | they repeat records of the last ms | last offset commit ms before |\n");
        out.append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (int i = 0; i < faults.size(); i++) {
            FaultSuiteIT.Fault f = faults.get(i);
            out.append(String.format("| %d | %s | %d | %s | %d | %d | %d | %d |%n", i + 1, f.kind, f.end - f.start,
                    f.readinessDownMillis < 0 ? "-" : String.valueOf(f.readinessDownMillis), f.recoveryMillis(),
                    f.duplicates, f.repeatedMillis, f.lastCommitAge));
        }
        out.append(String.format("%nWriter: %d changes committed or cut off (%d large updates among them), %d"
                + " transactions failed (server away).%n", writer.changes(), writer.largeUpdates(),
                writer.failedTransactions()));
        out.append(String.format("Topic: %d change records, %d duplicates; database: %d rows.%n", replica.records(),
                replica.duplicates(), rows));
        out.append(String.format("Rebuilt table: %d keys missing, %d extra, %d wrong; %d versions lost; %d changes"
                + " after a delete.%n", differences.missing(), differences.extra(), differences.wrong(),
                replica.lostVersions(), replica.impossible()));
        if (!replica.examples().isEmpty() || !differences.examples().isEmpty()) {
            out.append("Examples: ").append(replica.examples()).append(' ').append(differences.examples()).append('\n');
        }
        if (!replica.duplicateExamples().isEmpty()) {
            out.append("Duplicates of older versions: ").append(replica.duplicateExamples()).append('\n');
        }
        out.append("\n## Targets\n\n");
        boolean exact = differences.none() && replica.lostVersions() == 0 && replica.impossible() == 0;
        out.append(line(exact, "0 keys missing, extra or wrong; 0 lost versions"));
        long slowest = faults.stream().mapToLong(FaultSuiteIT.Fault::recoveryMillis).max().orElse(0);
        out.append(line(slowest < RECOVERY_TARGET_MILLIS, "first new record < 5 s after every fault's end (slowest: "
                + slowest + " ms)"));
        List<FaultSuiteIT.Fault> silent = faults.stream().filter(f -> f.kind == FaultSuiteIT.Kind.MYSQL_FREEZE
                || f.kind == FaultSuiteIT.Kind.HALF_OPEN).toList();
        long slowestDown = silent.stream().mapToLong(f -> f.readinessDownMillis < 0 ? Long.MAX_VALUE
                : f.readinessDownMillis).max().orElse(0);
        String readiness = "readiness fails within SLUICE_HEALTH_MAX_SILENCE (" + maxSilence.toSeconds()
                + " s, polled every 250 ms) of a frozen source or half-open socket";
        out.append(silent.isEmpty() ? "- not run: " + readiness + "\n"
                : line(slowestDown <= maxSilence.toMillis() + 2_000, readiness + " (slowest: "
                        + (slowestDown == Long.MAX_VALUE ? "never" : slowestDown + " ms") + ")"));
        Map<FaultSuiteIT.Kind, long[]> byKind = new EnumMap<>(FaultSuiteIT.Kind.class);
        for (FaultSuiteIT.Fault f : faults) {
            long[] sum = byKind.computeIfAbsent(f.kind, k -> new long[2]);
            sum[0]++;
            sum[1] += f.duplicates;
        }
        long[] kills = byKind.getOrDefault(FaultSuiteIT.Kind.SLUICE_KILL, new long[2]);
        long perKill = kills[0] == 0 ? 0 : kills[1] / kills[0];
        long repeatedPerKill = kills[0] == 0 ? 0 : faults.stream().filter(f -> f.kind == FaultSuiteIT.Kind.SLUICE_KILL)
                .mapToLong(f -> f.repeatedMillis).sum() / kills[0];
        out.append(kills[0] == 0 ? "- not run: duplicates per kill -9\n" : line(perKill <= DUPLICATES_PER_KILL_TARGET,
                "duplicates per kill -9 of Sluice <= "
                + DUPLICATES_PER_KILL_TARGET + " at 1,000 changes/s (mean: " + perKill + " at " + rate
                + " changes/s, repeating the records of the last " + repeatedPerKill + " ms on average)"));
        out.append("\nDuplicates by fault kind (faults, records): ");
        byKind.forEach((kind, sum) -> out.append(kind).append(' ').append(sum[0]).append('/').append(sum[1]).append("; "));
        out.append('\n');
        return out.toString();
    }

    private static String line(boolean met, String target) {
        return "- " + (met ? "met" : "MISSED") + ": " + target + "\n";
    }
}
