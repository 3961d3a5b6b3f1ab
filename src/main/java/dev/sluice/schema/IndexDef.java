package dev.sluice.schema;

import java.util.List;

/**
 * One index of a table, as far as choosing a message key needs it.
 *
 * @param columns the indexed columns in key order (expression key parts left out)
 * @param prefixed some column is indexed by a prefix ({@code name(10)})
 * @param functional some key part is an expression
 */
public record IndexDef(String name, boolean unique, List<String> columns, boolean prefixed, boolean functional) {

    public IndexDef {
        columns = List.copyOf(columns);
    }

    public boolean covers(String column) {
        return columns.stream().anyMatch(c -> c.equalsIgnoreCase(column));
    }
}
