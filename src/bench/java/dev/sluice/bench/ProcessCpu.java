package dev.sluice.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of a process (user + system, all its threads), from Linux's /proc; with {@link #watch}
 * also sampled in the background, to read what a stretch of another process's run cost.
 */
final class ProcessCpu implements AutoCloseable {

    private static final long SAMPLE_MILLIS = 20;

    private final long pid;
    private final Thread sampler;
    /** Rows of (System.nanoTime(), CPU seconds so far), in order; guarded by itself. */
    private final java.util.List<double[]> samples = new java.util.ArrayList<>();

    private ProcessCpu(long pid) {
        this.pid = pid;
        this.sampler = new Thread(this::sample, "cpu-sampler-" + pid);
        sampler.setDaemon(true);
    }

    /** CPU seconds the process has used so far. */
    static double seconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks / 100.0; // USER_HZ is 100 on Linux
    }

    /** Samples the process's CPU every 20 ms until it exits or this is closed. */
    static ProcessCpu watch(long pid) {
        ProcessCpu watch = new ProcessCpu(pid);
        watch.sampler.start();
        return watch;
    }

    private void sample() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                double cpu = seconds(pid);
                synchronized (samples) {
                    samples.add(new double[] {System.nanoTime(), cpu});
                }
                Thread.sleep(SAMPLE_MILLIS);
            } catch (IOException | InterruptedException goneOrClosed) {
                return;
            }
        }
    }

    /** The CPU seconds the process used between two moments (System.nanoTime()), from the samples nearest them. */
    double between(long fromNanos, long toNanos) {
        return at(toNanos) - at(fromNanos);
    }

    private double at(long nanos) {
        synchronized (samples) {
            if (samples.isEmpty()) {
                throw new IllegalStateException("no CPU samples of process " + pid);
            }
            double[] nearest = samples.get(0);
            for (double[] s : samples) {
                if (Math.abs(s[0] - nanos) < Math.abs(nearest[0] - nanos)) {
                    nearest = s;
                }
            }
            return nearest[1];
        }
    }

    @Override
    public void close() {
        sampler.interrupt();
    }
}
