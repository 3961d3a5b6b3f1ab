package dev.sluice;

import dev.sluice.config.SettingsValidator;
import io.smallrye.config.ConfigValidationException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns framework start-up exceptions into the one-line messages Sluice promises operators. */
final class StartupFailures {

    private static final Pattern CONVERSION = Pattern.compile(
            "config property (\\S+) with the config value \"(.*?)\" threw an Exception whilst being converted "
                    + "(?:SRCFG\\d+: )?(.*)$",
            Pattern.DOTALL);
    private static final Pattern CODE = Pattern.compile("^(java\\.lang\\.\\w+: )?SRCFG\\d+: ");
    private static final Pattern EMPTY = Pattern.compile(
            "config property (\\S+) (is defined as the empty String|with the config value .* was converted to null)",
            Pattern.DOTALL);

    private StartupFailures() {
    }

    static List<String> configurationProblems(Throwable failure) {
        List<String> problems = new ArrayList<>();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConfigValidationException validation) {
                for (int i = 0; i < validation.getProblemCount(); i++) {
                    problems.add(describe(validation.getProblem(i).getMessage()));
                }
            }
        }
        return problems;
    }

    private static String describe(String message) {
        Matcher empty = EMPTY.matcher(message);
        if (empty.find()) {
            return SettingsValidator.envName(empty.group(1)) + " is set but empty: give it a value, or remove it to"
                    + " use the default";
        }
        Matcher m = CONVERSION.matcher(message);
        if (m.find()) {
            String detail = m.group(3).trim();
            return SettingsValidator.envName(m.group(1)) + ": " + Character.toLowerCase(detail.charAt(0))
                    + detail.substring(1);
        }
        return CODE.matcher(message).replaceFirst("");
    }

    static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
