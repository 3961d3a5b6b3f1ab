package dev.sluice.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Data topics renamed by a regular expression, as Debezium's {@code ByLogicalTableRouter}
 * (now {@code ToLogicalTopicRouter}) does: a topic the expression matches whole becomes the
 * replacement ({@code $1} for groups), so sharded tables share one topic; their keys then gain a
 * string field naming the physical topic, unless uniqueness is not enforced.
 *
 * @param keyFieldRegex null to put the physical topic itself in the key field
 */
public record TopicRouting(Pattern regex, String replacement, boolean keyEnforceUniqueness, String keyFieldName,
        Pattern keyFieldRegex, String keyFieldReplacement) {

    /**
     * @throws IllegalArgumentException naming what is wrong: an invalid expression, or a
     *     replacement that refers to a group the expression lacks
     */
    public static Pattern pattern(String regex, String what) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("'" + regex + "' is not a valid regular expression for " + what + ": "
                    + e.getDescription());
        }
    }

    /** @throws IllegalArgumentException when the replacement names a group the expression does not have */
    public static void checkReplacement(Pattern regex, String replacement) {
        int groups = regex.matcher("").groupCount();
        Matcher references = Pattern.compile("\\$(\\d+)").matcher(replacement);
        while (references.find()) {
            if (Integer.parseInt(references.group(1)) > groups) {
                throw new IllegalArgumentException("'" + replacement + "' refers to group $" + references.group(1)
                        + ", but '" + regex.pattern() + "' has " + groups + " group" + (groups == 1 ? "" : "s"));
            }
        }
    }

    /** Whether a data topic is renamed: the expression matches it whole and the new name is not empty. */
    public boolean routes(String topic) {
        Matcher matcher = regex.matcher(topic);
        return matcher.matches() && !matcher.replaceFirst(replacement).isEmpty();
    }

    /** The topic a data topic is written to. */
    public String route(String topic) {
        return routes(topic) ? regex.matcher(topic).replaceFirst(replacement) : topic;
    }

    /** The key field's value for records of a physical topic. */
    public String keyIdentifier(String physicalTopic) {
        if (keyFieldRegex != null) {
            Matcher matcher = keyFieldRegex.matcher(physicalTopic);
            if (matcher.matches()) {
                return matcher.replaceFirst(keyFieldReplacement);
            }
        }
        return physicalTopic;
    }
}
