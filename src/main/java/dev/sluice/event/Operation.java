package dev.sluice.event;

/** Debezium's {@code op} codes. */
public enum Operation {
    CREATE("c"), UPDATE("u"), DELETE("d"), READ("r"), TRUNCATE("t");

    private final String code;

    Operation(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
