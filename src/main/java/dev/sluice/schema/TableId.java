package dev.sluice.schema;

/** A table's database and name, as MySQL spells them. */
public record TableId(String database, String table) {

    /** {@code `db`.`table`}, as MySQL quotes names (a backquote inside doubled). */
    public String quoted() {
        return quote(database) + "." + quote(table);
    }

    /** {@code `name`}, a backquote inside doubled. */
    public static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    @Override
    public String toString() {
        return database + "." + table;
    }
}
