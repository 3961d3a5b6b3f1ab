package dev.sluice.source;

/** The two server families Sluice reads; they differ in SQL, GTID format and grant names. */
public enum ServerFlavor {
    MYSQL, MARIADB;

    /** The {@code source.connector} value Debezium uses for this flavour. */
    public String connectorName() {
        return this == MYSQL ? "mysql" : "mariadb";
    }
}
