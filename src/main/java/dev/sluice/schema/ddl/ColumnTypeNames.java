package dev.sluice.schema.ddl;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** MySQL's type names and synonyms, reduced to the names information_schema uses. */
public final class ColumnTypeNames {

    /** A column type as declared: canonical name, arguments, and what the name itself implies. */
    record Type(String name, List<String> arguments, boolean unsigned, String charset, boolean binaryString) {
    }

    private static final Map<String, String> SYNONYMS = Map.ofEntries(
            Map.entry("int1", "tinyint"), Map.entry("int2", "smallint"), Map.entry("int3", "mediumint"),
            Map.entry("middleint", "mediumint"), Map.entry("integer", "int"), Map.entry("int4", "int"),
            Map.entry("int8", "bigint"), Map.entry("dec", "decimal"), Map.entry("numeric", "decimal"),
            Map.entry("fixed", "decimal"), Map.entry("float4", "float"), Map.entry("float8", "double"),
            Map.entry("real", "double"), Map.entry("character", "char"), Map.entry("long", "mediumtext"),
            Map.entry("geomcollection", "geometrycollection"));

    static final List<String> CANONICAL = List.of("tinyint", "smallint", "mediumint", "int", "bigint",
            "decimal", "float", "double", "bit", "bool", "boolean", "serial", "date", "time", "datetime", "timestamp",
            "year", "char", "varchar", "binary", "varbinary", "tinytext", "text", "mediumtext", "longtext",
            "tinyblob", "blob", "mediumblob", "longblob", "enum", "set", "json", "geometry", "point", "linestring",
            "polygon", "multipoint", "multilinestring", "multipolygon", "geometrycollection", "vector", "nchar",
            "nvarchar", "inet4", "inet6", "uuid");

    private ColumnTypeNames() {
    }

    static boolean isTypeName(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        return CANONICAL.contains(SYNONYMS.getOrDefault(lower, lower)) || lower.equals("double")
                || lower.equals("national");
    }

    /** Joins two-word type names (DOUBLE PRECISION, CHARACTER VARYING, NATIONAL CHAR...); null if none. */
    static String multiWord(String first, Token next) {
        String a = first.toLowerCase(Locale.ROOT);
        if (next.kind() != Token.Kind.WORD) {
            return null;
        }
        String b = next.text().toLowerCase(Locale.ROOT);
        return switch (a + " " + b) {
            case "double precision" -> "double";
            case "character varying", "char varying" -> "varchar";
            case "national char", "national character" -> "nchar";
            case "national varchar" -> "nvarchar";
            case "nchar varying", "nchar varchar" -> "nvarchar";
            case "long varchar" -> "mediumtext";
            case "long varbinary" -> "mediumblob";
            default -> null;
        };
    }

    /** The canonical type for a declared name and its arguments, or null if the name is no type. */
    static Type canonical(String declared, List<String> arguments) {
        String lower = declared.toLowerCase(Locale.ROOT);
        String name = SYNONYMS.getOrDefault(lower, lower);
        if (!CANONICAL.contains(name)) {
            return null;
        }
        return switch (name) {
            case "bool", "boolean" -> new Type("tinyint", List.of("1"), false, null, false);
            case "serial" -> new Type("bigint", List.of(), true, null, false);
            case "float" -> arguments.size() == 1 && Integer.parseInt(arguments.get(0)) > 24
                    ? new Type("double", List.of(), false, null, false)
                    : new Type("float", arguments.size() == 1 ? List.of() : arguments, false, null, false);
            case "nchar" -> new Type("char", arguments, false, "utf8mb3", false);
            case "nvarchar" -> new Type("varchar", arguments, false, "utf8mb3", false);
            case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob" ->
                    new Type(name, arguments, false, null, true);
            default -> new Type(name, arguments, false, null, false);
        };
    }

    /** The binary counterpart of a text type (what MySQL makes of CHARACTER SET binary). */
    public static String binaryCounterpart(String dataType) {
        return switch (dataType) {
            case "char" -> "binary";
            case "varchar" -> "varbinary";
            case "tinytext" -> "tinyblob";
            case "text" -> "blob";
            case "mediumtext" -> "mediumblob";
            case "longtext" -> "longblob";
            default -> dataType;
        };
    }
}
