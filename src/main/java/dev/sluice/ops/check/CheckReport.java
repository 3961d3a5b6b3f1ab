package dev.sluice.ops.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** The check command's output: one line per check for people, or JSON for machines. */
public final class CheckReport {

    private CheckReport() {
    }

    public static boolean failed(List<CheckResult> results) {
        return results.stream().anyMatch(r -> r.status() == CheckResult.Status.FAIL);
    }

    /** {@code OK   name  found}, and for WARN/FAIL an indented {@code fix:} line. */
    public static String text(List<CheckResult> results) {
        int width = results.stream().mapToInt(r -> r.name().length()).max().orElse(10);
        StringBuilder out = new StringBuilder();
        for (CheckResult r : results) {
            out.append(String.format("%-4s %-" + width + "s  %s%n", r.status(), r.name(), r.found()));
            if (r.fix() != null) {
                out.append(String.format("     %-" + width + "s  fix: %s%n", "", r.fix()));
            }
        }
        long fails = results.stream().filter(r -> r.status() == CheckResult.Status.FAIL).count();
        long warns = results.stream().filter(r -> r.status() == CheckResult.Status.WARN).count();
        out.append(fails > 0 ? fails + " check(s) failed" : "no check failed")
                .append(warns > 0 ? ", " + warns + " warning(s)" : "").append(System.lineSeparator());
        return out.toString();
    }

    public static String json(List<CheckResult> results) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("result", failed(results) ? "FAIL"
                : results.stream().anyMatch(r -> r.status() == CheckResult.Status.WARN) ? "WARN" : "OK");
        ArrayNode checks = root.putArray("checks");
        for (CheckResult r : results) {
            ObjectNode check = checks.addObject();
            check.put("name", r.name());
            check.put("status", r.status().name());
            check.put("found", r.found());
            check.put("fix", r.fix());
        }
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + System.lineSeparator();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
