package dev.sluice.schema;

/** A table's database and name, as MySQL spells them. */
public record TableId(String database, String table) {

    @Override
    public String toString() {
        return database + "." + table;
    }
}
