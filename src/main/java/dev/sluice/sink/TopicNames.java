package dev.sluice.sink;

/** Topic names as Debezium forms them: characters Kafka refuses become underscores. */
public final class TopicNames {

    private final String prefix;

    public TopicNames(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    public String dataTopic(String database, String table) {
        return sanitize(prefix + "." + database + "." + table);
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
