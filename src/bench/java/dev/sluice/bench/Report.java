package dev.sluice.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Collects the benchmark's figures and writes them as Markdown and JSON. */
final class Report {

    /** One figure measured once per repetition, with the load average around each repetition. */
    record Figure(String scenario, String server, String metric, String unit, List<Double> values,
            List<String> loadBefore, List<String> loadAfter) {

        double median() {
            return LatencyProbe.median(values.stream().mapToDouble(Double::doubleValue).toArray());
        }

        double min() {
            return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        }

        double max() {
            return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        }
    }

    /** Sluice's figure against the lower of its limits, with the target ratio. */
    record Comparison(String scenario, String server, String sluice, List<String> limits, double target) {
    }

    private final Map<String, Figure> figures = new LinkedHashMap<>();
    private final List<Comparison> comparisons = new ArrayList<>();
    private final List<String[]> targets = new ArrayList<>(); // {figure key, threshold, "<=" or ">="}
    private final Map<String, String> versions = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    void version(String what, String version) {
        versions.put(what, version);
    }

    void note(String note) {
        notes.add(note);
    }

    /** Adds one repetition's value to a figure. */
    void add(String scenario, String server, String metric, String unit, double value, String loadBefore,
            String loadAfter) {
        Figure figure = figures.computeIfAbsent(key(scenario, server, metric),
                k -> new Figure(scenario, server, metric, unit, new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
        figure.values().add(value);
        figure.loadBefore().add(loadBefore);
        figure.loadAfter().add(loadAfter);
    }

    void compare(String scenario, String server, String sluiceMetric, double target, String... limitKeys) {
        comparisons.add(new Comparison(scenario, server, key(scenario, server, sluiceMetric), List.of(limitKeys), target));
    }

    /** A figure whose median should stay at or below a threshold (latency, memory). */
    void atMost(String scenario, String server, String metric, double threshold) {
        targets.add(new String[] {key(scenario, server, metric), Double.toString(threshold), "<="});
    }

    /** A figure whose median should reach a threshold (events per CPU-second). */
    void atLeast(String scenario, String server, String metric, double threshold) {
        targets.add(new String[] {key(scenario, server, metric), Double.toString(threshold), ">="});
    }

    /** The median of a figure measured so far. */
    double median(String key) {
        Figure figure = figures.get(key);
        if (figure == null) {
            throw new IllegalStateException("no figure " + key);
        }
        return figure.median();
    }

    static String key(String scenario, String server, String metric) {
        return scenario + " / " + server + " / " + metric;
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("report.md"), markdown());
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("versions", versions);
        all.put("figures", figures.values());
        all.put("comparisons", comparisons);
        all.put("notes", notes);
        json.writeValue(dir.resolve("report.json").toFile(), all);
    }

    String markdown() {
        StringBuilder md = new StringBuilder("# Sluice benchmark\n\n");
        versions.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        md.append("\nEvery figure is the median of its repetitions, with the lowest and highest in brackets.\n");
        md.append("\n## Sluice against the machine's limits\n\n");
        md.append("| scenario | server | Sluice | limit (lower of) | Sluice / limit | target |\n|---|---|---|---|---|---|\n");
        for (Comparison c : comparisons) {
            Figure sluice = figures.get(c.sluice());
            Figure limit = null;
            for (String key : c.limits()) {
                Figure candidate = figures.get(key);
                if (candidate != null && (limit == null || candidate.median() < limit.median())) {
                    limit = candidate;
                }
            }
            if (sluice == null || limit == null) {
                continue;
            }
            md.append("| ").append(c.scenario()).append(" | ").append(c.server()).append(" | ")
                    .append(sluice.metric().equals("Sluice") ? "" : sluice.metric().substring("Sluice ".length()) + ": ")
                    .append(format(sluice)).append(" | ").append(limit.metric()).append(": ").append(format(limit))
                    .append(" | ").append(String.format(Locale.ROOT, "%.2f", sluice.median() / limit.median()))
                    .append(" | ").append(String.format(Locale.ROOT, ">= %.2f", c.target())).append(" |\n");
        }
        if (!targets.isEmpty()) {
            md.append("\n## Targets\n\n| figure | median [min, max] | target | met |\n|---|---|---|---|\n");
            for (String[] c : targets) {
                Figure f = figures.get(c[0]);
                if (f != null) {
                    double threshold = Double.parseDouble(c[1]);
                    boolean met = c[2].equals("<=") ? f.median() <= threshold : f.median() >= threshold;
                    md.append("| ").append(c[0]).append(" | ").append(format(f)).append(" | ").append(c[2]).append(' ')
                            .append(number(threshold)).append(' ').append(f.unit()).append(" | ")
                            .append(met ? "yes" : "no").append(" |\n");
                }
            }
        }
        md.append("\n## All figures\n\n| scenario | server | metric | median [min, max] | runs | load average before -> after |\n")
                .append("|---|---|---|---|---|---|\n");
        for (Figure f : figures.values()) {
            StringBuilder loads = new StringBuilder();
            for (int i = 0; i < f.values().size(); i++) {
                loads.append(i == 0 ? "" : "; ").append(f.loadBefore().get(i)).append(" -> ").append(f.loadAfter().get(i));
            }
            md.append("| ").append(f.scenario()).append(" | ").append(f.server()).append(" | ").append(f.metric())
                    .append(" | ").append(format(f)).append(" | ").append(f.values().size()).append(" | ")
                    .append(loads).append(" |\n");
        }
        if (!notes.isEmpty()) {
            md.append("\n## Notes\n\n");
            notes.forEach(n -> md.append("- ").append(n).append('\n'));
        }
        return md.toString();
    }

    private static String format(Figure f) {
        return String.format(Locale.ROOT, "%s %s [%s, %s]", number(f.median()), f.unit(), number(f.min()),
                number(f.max()));
    }

    private static String number(double value) {
        if (Math.abs(value) >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.1f", value);
    }
}
