package dev.sluice.schema;

import dev.sluice.schema.types.ColumnType;
import dev.sluice.schema.types.ColumnTypes;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiPredicate;

import dev.sluice.schema.ddl.Charsets;

/** Reads base-table definitions from {@code information_schema}. */
public final class InformationSchemaLoader {

    private static final String COLUMNS_SQL = """
            SELECT c.TABLE_SCHEMA, c.TABLE_NAME, c.COLUMN_NAME, c.ORDINAL_POSITION, c.DATA_TYPE, c.COLUMN_TYPE,
                   c.IS_NULLABLE, c.CHARACTER_SET_NAME, c.CHARACTER_MAXIMUM_LENGTH, c.NUMERIC_PRECISION,
                   c.NUMERIC_SCALE, c.DATETIME_PRECISION, c.EXTRA, c.COLUMN_DEFAULT, t.TABLE_COLLATION
              FROM information_schema.COLUMNS c
              JOIN information_schema.TABLES t
                ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME
             WHERE t.TABLE_TYPE = 'BASE TABLE'
               AND c.TABLE_SCHEMA NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')
               %s
             ORDER BY c.TABLE_SCHEMA, c.TABLE_NAME, c.ORDINAL_POSITION
            """;

    private static final String PRIMARY_KEY_SQL = """
            SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME
              FROM information_schema.KEY_COLUMN_USAGE
             WHERE CONSTRAINT_NAME = 'PRIMARY'
               AND TABLE_SCHEMA NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')
               %s
             ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION
            """;

    private static final String INDEXES_SQL = """
            SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SUB_PART
              FROM information_schema.STATISTICS
             WHERE INDEX_NAME <> 'PRIMARY'
               AND TABLE_SCHEMA NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')
               %s
             ORDER BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX
            """;

    /** Numbers and bit literals, which MariaDB shows unquoted like expressions. */
    private static final java.util.regex.Pattern NUMERIC_LITERAL =
            java.util.regex.Pattern.compile("-?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|b'[01]*'|0x[0-9A-Fa-f]+");

    private final Connection connection;
    private Boolean mariadb;

    public InformationSchemaLoader(Connection connection) {
        this.connection = connection;
    }

    /** Every base table for which {@code captured} holds. */
    public Map<TableId, TableSchema> load(BiPredicate<String, String> captured) throws SQLException {
        return load(captured, "", List.of());
    }

    /** One table, or null when it does not exist (or is not a base table). */
    public TableSchema loadTable(TableId id) throws SQLException {
        Map<TableId, TableSchema> found = load((db, table) -> true,
                "AND c.TABLE_SCHEMA = ? AND c.TABLE_NAME = ?", List.of(id.database(), id.table()));
        return found.get(id);
    }

    private Map<TableId, TableSchema> load(BiPredicate<String, String> captured, String where, List<String> args)
            throws SQLException {
        Map<TableId, List<ColumnDef>> columns = new LinkedHashMap<>();
        Map<TableId, String> charsets = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(COLUMNS_SQL.formatted(where))) {
            bind(statement, args);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    TableId id = new TableId(rs.getString(1), rs.getString(2));
                    if (captured.test(id.database(), id.table())) {
                        columns.computeIfAbsent(id, k -> new ArrayList<>()).add(column(rs, isMariadb()));
                        charsets.put(id, rs.getString(15) == null ? null : Charsets.ofCollation(rs.getString(15)));
                    }
                }
            }
        }
        Map<TableId, List<String>> keys = new LinkedHashMap<>();
        String keyWhere = where.replace("c.", "");
        try (PreparedStatement statement = connection.prepareStatement(PRIMARY_KEY_SQL.formatted(keyWhere))) {
            bind(statement, args);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    TableId id = new TableId(rs.getString(1), rs.getString(2));
                    if (columns.containsKey(id)) {
                        keys.computeIfAbsent(id, k -> new ArrayList<>()).add(rs.getString(3));
                    }
                }
            }
        }
        Map<TableId, List<IndexDef>> indexes = indexes(keyWhere, args, columns.keySet());
        Map<TableId, TableSchema> tables = new LinkedHashMap<>();
        for (Map.Entry<TableId, List<ColumnDef>> entry : columns.entrySet()) {
            TableId id = entry.getKey();
            List<String> key = keys.getOrDefault(id, List.of());
            List<IndexDef> tableIndexes = indexes.getOrDefault(id, List.of());
            if (key.isEmpty() && tableIndexes.stream().filter(IndexDef::unique).count() > 1) {
                tableIndexes = inServerOrder(id, tableIndexes);
            }
            tables.put(id, new TableSchema(id, withExactDefaults(id, entry.getValue()), key, tableIndexes,
                    charsets.get(id)));
        }
        return tables;
    }

    /** Every index but the primary key, per table (in name order: information_schema keeps no other). */
    private Map<TableId, List<IndexDef>> indexes(String where, List<String> args, java.util.Set<TableId> wanted)
            throws SQLException {
        Map<TableId, Map<String, IndexDef>> found = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(INDEXES_SQL.formatted(where))) {
            bind(statement, args);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    TableId id = new TableId(rs.getString(1), rs.getString(2));
                    if (!wanted.contains(id)) {
                        continue;
                    }
                    String name = rs.getString(3);
                    String column = rs.getString(5); // null for an expression key part
                    IndexDef index = found.computeIfAbsent(id, k -> new LinkedHashMap<>()).get(name);
                    List<String> indexColumns = new ArrayList<>(index == null ? List.of() : index.columns());
                    if (column != null) {
                        indexColumns.add(column);
                    }
                    found.get(id).put(name, new IndexDef(name, rs.getInt(4) == 0, indexColumns,
                            (index != null && index.prefixed()) || rs.getObject(6) != null,
                            (index != null && index.functional()) || column == null));
                }
            }
        }
        Map<TableId, List<IndexDef>> indexes = new LinkedHashMap<>();
        found.forEach((id, byName) -> indexes.put(id, List.copyOf(byName.values())));
        return indexes;
    }

    /**
     * The indexes in the order the server keeps them (SHOW INDEX): for a table without a primary
     * key and with several unique indexes, the order within a rank decides which one keys the
     * records (see {@link TableSchema}).
     */
    private List<IndexDef> inServerOrder(TableId id, List<IndexDef> indexes) throws SQLException {
        List<String> order = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SHOW INDEX FROM " + TableId.quote(id.table())
                + " FROM " + TableId.quote(id.database())); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                String name = rs.getString("Key_name");
                if (!order.contains(name)) {
                    order.add(name);
                }
            }
        }
        List<IndexDef> sorted = new ArrayList<>(indexes);
        sorted.sort(java.util.Comparator.comparingInt(index -> order.indexOf(index.name())));
        return sorted;
    }

    private boolean isMariadb() throws SQLException {
        if (mariadb == null) {
            mariadb = connection.getMetaData().getDatabaseProductVersion().toLowerCase(Locale.ROOT).contains("mariadb");
        }
        return mariadb;
    }

    /**
     * information_schema holds defaults in utf8mb3, where a character beyond the BMP becomes
     * {@code ?} (MariaDB's SHOW CREATE TABLE too). A literal text default with a {@code ?} in it is
     * read again as the server applies it: {@code DEFAULT(col)} of a row that does not exist.
     */
    private List<ColumnDef> withExactDefaults(TableId id, List<ColumnDef> columns) throws SQLException {
        List<ColumnDef> suspicious = columns.stream().filter(c -> c.charset() != null && !c.defaultIsExpression()
                && c.defaultValue() != null && c.defaultValue().indexOf('?') >= 0).toList();
        if (suspicious.isEmpty()) {
            return columns;
        }
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int k = 0; k < suspicious.size(); k++) {
            sql.append(k == 0 ? "" : ", ").append("DEFAULT(t.").append(TableId.quote(suspicious.get(k).name())).append(')');
        }
        sql.append(" FROM (SELECT 1) AS one LEFT JOIN ").append(id.quoted()).append(" AS t ON FALSE");
        Map<String, String> exact = new java.util.HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(sql.toString());
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            for (int k = 0; k < suspicious.size(); k++) {
                exact.put(suspicious.get(k).name(), rs.getString(k + 1));
            }
        }
        return columns.stream().map(c -> exact.containsKey(c.name()) ? c.withDefault(exact.get(c.name()), false) : c)
                .toList();
    }

    /** Each database's default character set. */
    public Map<String, String> databaseCharsets() throws SQLException {
        Map<String, String> charsets = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT SCHEMA_NAME, DEFAULT_CHARACTER_SET_NAME FROM information_schema.SCHEMATA");
                ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                charsets.put(rs.getString(1), Charsets.normalize(rs.getString(2)));
            }
        }
        return charsets;
    }

    /** Collation ids to character sets, to read the charsets in full row metadata. */
    public Map<Integer, String> collationCharsets() throws SQLException {
        Map<Integer, String> charsets = new java.util.HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT ID, CHARACTER_SET_NAME FROM information_schema.COLLATIONS WHERE ID IS NOT NULL");
                ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                charsets.put(rs.getInt(1), Charsets.normalize(rs.getString(2)));
            }
        }
        return charsets;
    }

    /** The server's default character set, for databases created without one. */
    public String serverCharset() throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT @@character_set_server");
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            return Charsets.normalize(rs.getString(1));
        }
    }

    private static void bind(PreparedStatement statement, List<String> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            statement.setString(i + 1, args.get(i));
        }
    }

    private static ColumnDef column(ResultSet rs, boolean mariadb) throws SQLException {
        String dataType = rs.getString(5).toLowerCase(Locale.ROOT);
        if (dataType.equals("geomcollection")) {
            dataType = "geometrycollection"; // MySQL's spelling of the same type
        }
        String declaredType = rs.getString(6);
        String columnType = declaredType.toLowerCase(Locale.ROOT);
        String extra = rs.getString(13) == null ? "" : rs.getString(13).toLowerCase(Locale.ROOT);
        ColumnType type = ColumnTypes.of(dataType);
        ColumnType.Size size = type.catalogSize(
                new ColumnType.CatalogColumn(columnType, rs.getLong(9), rs.getLong(10), rs.getInt(11), rs.getInt(12)));
        return new ColumnDef(
                rs.getString(3),
                rs.getInt(4),
                dataType,
                columnType,
                columnType.contains("unsigned"),
                "YES".equalsIgnoreCase(rs.getString(7)),
                type.hasCharset() ? rs.getString(8) : null,
                size.length(),
                size.scale(),
                ColumnTypes.allowedValues(declaredType),
                extra.contains("auto_increment"),
                extra.contains("virtual generated") || extra.contains("stored generated")
                        || extra.contains("persistent generated"),
                defaultValue(rs.getString(14), mariadb),
                isExpression(rs.getString(14), extra, mariadb));
    }

    /** MariaDB quotes string defaults and spells a missing default NULL; MySQL does neither. */
    private static String defaultValue(String raw, boolean mariadb) {
        if (raw == null || mariadb && raw.equals("NULL")) {
            return null;
        }
        if (mariadb && isQuoted(raw)) {
            return raw.substring(1, raw.length() - 1).replace("''", "'");
        }
        return raw;
    }

    /**
     * MySQL marks an expression default DEFAULT_GENERATED; MariaDB shows literals quoted (numbers
     * and bit values excepted) and expressions as they are.
     */
    private static boolean isExpression(String raw, String extra, boolean mariadb) {
        if (raw == null || mariadb && raw.equals("NULL")) {
            return false;
        }
        return mariadb ? !isQuoted(raw) && !NUMERIC_LITERAL.matcher(raw).matches() : extra.contains("default_generated");
    }

    private static boolean isQuoted(String raw) {
        return raw.length() >= 2 && raw.startsWith("'") && raw.endsWith("'");
    }
}
