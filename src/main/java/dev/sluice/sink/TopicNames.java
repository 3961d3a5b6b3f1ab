package dev.sluice.sink;

import dev.sluice.config.TopicRouting;
import dev.sluice.event.RecordTopic;

/**
 * Topic names as Debezium forms them: characters Kafka refuses become underscores; data topics
 * renamed by the topic routing, when there is one.
 */
public final class TopicNames {

    private final String prefix;
    private final TopicRouting routing;

    public TopicNames(String prefix) {
        this(prefix, null);
    }

    /** @param routing null for none */
    public TopicNames(String prefix, TopicRouting routing) {
        this.prefix = prefix;
        this.routing = routing;
    }

    public String prefix() {
        return prefix;
    }

    /** The table's topic, and the key field a routed topic's keys gain. */
    public RecordTopic recordTopic(String database, String table) {
        String physical = sanitize(prefix + "." + database + "." + table);
        if (routing == null) {
            return RecordTopic.of(physical);
        }
        if (!routing.routes(physical)) {
            return RecordTopic.of(physical);
        }
        String routed = routing.route(physical);
        return routing.keyEnforceUniqueness() ? new RecordTopic(routed, routing.keyFieldName(),
                routing.keyIdentifier(physical)) : RecordTopic.of(routed);
    }

    /** Debezium's schema-change topic: the prefix itself. */
    public String schemaChangeTopic() {
        return sanitize(prefix);
    }

    /** Debezium's transaction metadata topic: {@code <prefix>.transaction}. */
    public String transactionTopic() {
        return sanitize(prefix + ".transaction");
    }

    static String sanitize(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean legal = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            out.append(legal ? c : '_');
        }
        return out.toString();
    }
}
