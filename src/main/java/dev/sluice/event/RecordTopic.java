package dev.sluice.event;

/**
 * The topic a table's records go to, and the field a routed topic's keys gain to tell the
 * physical tables apart (null when the key keeps its own fields only).
 */
public record RecordTopic(String name, String keyTagField, String keyTagValue) {

    public static RecordTopic of(String name) {
        return new RecordTopic(name, null, null);
    }
}
