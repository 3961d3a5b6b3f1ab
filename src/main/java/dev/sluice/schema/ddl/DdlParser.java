package dev.sluice.schema.ddl;

import dev.sluice.schema.ddl.DdlStatement.AddColumn;
import dev.sluice.schema.ddl.DdlStatement.AddIndex;
import dev.sluice.schema.ddl.DdlStatement.AddPrimaryKey;
import dev.sluice.schema.ddl.DdlStatement.AlterAction;
import dev.sluice.schema.ddl.DdlStatement.AlterDatabase;
import dev.sluice.schema.ddl.DdlStatement.AlterTable;
import dev.sluice.schema.ddl.DdlStatement.ConvertCharset;
import dev.sluice.schema.ddl.DdlStatement.CreateDatabase;
import dev.sluice.schema.ddl.DdlStatement.CreateIndex;
import dev.sluice.schema.ddl.DdlStatement.CreateTable;
import dev.sluice.schema.ddl.DdlStatement.CreateTableLike;
import dev.sluice.schema.ddl.DdlStatement.DataChange;
import dev.sluice.schema.ddl.DdlStatement.DefaultCharset;
import dev.sluice.schema.ddl.DdlStatement.DropColumn;
import dev.sluice.schema.ddl.DdlStatement.DropDatabase;
import dev.sluice.schema.ddl.DdlStatement.DropIndex;
import dev.sluice.schema.ddl.DdlStatement.DropIndexOn;
import dev.sluice.schema.ddl.DdlStatement.DropPrimaryKey;
import dev.sluice.schema.ddl.DdlStatement.DropTables;
import dev.sluice.schema.ddl.DdlStatement.Ignored;
import dev.sluice.schema.ddl.DdlStatement.IndexSpec;
import dev.sluice.schema.ddl.DdlStatement.ModifyColumn;
import dev.sluice.schema.ddl.DdlStatement.Placement;
import dev.sluice.schema.ddl.DdlStatement.RenameColumn;
import dev.sluice.schema.ddl.DdlStatement.RenameIndex;
import dev.sluice.schema.ddl.DdlStatement.RenameTables;
import dev.sluice.schema.ddl.DdlStatement.RenameTo;
import dev.sluice.schema.ddl.DdlStatement.RowsWithoutEvents;
import dev.sluice.schema.ddl.DdlStatement.SetColumnDefault;
import dev.sluice.schema.ddl.DdlStatement.TableName;
import dev.sluice.schema.ddl.DdlStatement.TruncateTable;
import dev.sluice.schema.types.ColumnTypes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A recursive-descent parser for the MySQL and MariaDB statements that change table
 * definitions: CREATE/ALTER/DROP/RENAME/TRUNCATE TABLE and CREATE/ALTER/DROP DATABASE. Clauses
 * that cannot change a column (indexes, foreign keys, table options, partitioning) are parsed
 * only far enough to be skipped exactly. Statements that change rows are reported as
 * {@link DataChange} with the tables they change where that is plain; administration that
 * changes neither rows nor definitions as {@link Ignored}; a statement whose first word Sluice
 * does not know as a {@link DataChange} of unknown tables, so nothing unknown passes as harmless.
 */
public final class DdlParser {

    /** ALTER TABLE ... ADD followed by one of these is not a column. */
    private static final Set<String> NOT_A_COLUMN = Set.of("INDEX", "KEY", "UNIQUE", "FULLTEXT", "SPATIAL",
            "FOREIGN", "CHECK", "CONSTRAINT", "PRIMARY", "PARTITION", "PERIOD", "SYSTEM");

    /** First words of statements that change neither table definitions nor rows. */
    private static final Set<String> ADMINISTRATION = Set.of("GRANT", "REVOKE", "FLUSH", "ANALYZE", "OPTIMIZE",
            "REPAIR", "CHECK", "CHECKSUM", "INSTALL", "UNINSTALL", "KILL", "RESET", "PURGE", "CHANGE", "START", "STOP",
            "USE", "LOCK", "UNLOCK", "SHOW", "DESCRIBE", "DESC", "EXPLAIN", "HELP", "CACHE", "SHUTDOWN", "RESTART",
            "BACKUP", "BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "XA", "PREPARE", "DEALLOCATE", "GET",
            "SIGNAL", "RESIGNAL", "CLONE");

    /** First words of statements that may change rows of tables Sluice cannot name from the text. */
    private static final Set<String> OPAQUE_CHANGES = Set.of("SELECT", "WITH", "DO", "CALL", "VALUES", "TABLE",
            "EXECUTE", "HANDLER", "IMPORT", "BINLOG");

    /** Elements of a CREATE TABLE list that declare an index or constraint, not a column. */
    private static final Set<String> INDEX_ELEMENTS = Set.of("INDEX", "KEY", "UNIQUE", "FULLTEXT", "SPATIAL",
            "FOREIGN", "CHECK", "PERIOD");

    private final List<Token> tokens;
    private final String sql;
    private int i;
    /** The first table the statement names, for error reports. */
    private TableName subject;

    private DdlParser(String sql) {
        this.sql = sql;
        this.tokens = SqlLexer.tokenize(sql);
    }

    /**
     * @throws DdlParseException naming the position and what was expected
     */
    public static DdlStatement parse(String sql) {
        return new DdlParser(sql).statement();
    }

    private DdlStatement statement() {
        if (at("CREATE")) {
            return create();
        }
        if (at("ALTER")) {
            return alter();
        }
        if (at("DROP")) {
            return drop();
        }
        if (accept("RENAME")) {
            if (accept("TABLE") || accept("TABLES")) {
                return renameTables();
            }
            return ignored(); // RENAME USER
        }
        if (accept("TRUNCATE")) {
            accept("TABLE");
            return new TruncateTable(tableName());
        }
        return otherStatement();
    }

    /** Statements that are not DDL of tables or databases. */
    private DdlStatement otherStatement() {
        Token first = peek();
        if (first.kind() == Token.Kind.END) {
            return new Ignored("an empty statement");
        }
        String word = first.upper();
        if (accept("SET", "STATEMENT")) {
            return setStatementFor();
        }
        switch (word) {
            case "INSERT", "REPLACE" -> {
                return insert(word);
            }
            case "UPDATE" -> {
                return update();
            }
            case "DELETE" -> {
                return delete();
            }
            case "LOAD" -> {
                return load();
            }
            case "SET" -> {
                return new Ignored("SET");
            }
            default -> {
            }
        }
        if (first.kind() == Token.Kind.WORD && ADMINISTRATION.contains(word)) {
            return ignored();
        }
        if (first.kind() == Token.Kind.WORD && OPAQUE_CHANGES.contains(word)) {
            return new DataChange(word, null);
        }
        return new DataChange(first.text(), null);
    }

    /** MariaDB's {@code SET STATEMENT var = value [, ...] FOR statement}: the statement that follows FOR. */
    private DdlStatement setStatementFor() {
        while (!at("FOR")) {
            if (peek().kind() == Token.Kind.END) {
                throw error("FOR");
            }
            if (peek().isSymbol("(")) {
                skipGroup();
            } else {
                advance();
            }
        }
        expect("FOR");
        return statement();
    }

    /** {@code INSERT|REPLACE [LOW_PRIORITY|DELAYED|HIGH_PRIORITY] [IGNORE] [INTO] table ...}. */
    private DdlStatement insert(String verb) {
        advance();
        while (accept("LOW_PRIORITY") || accept("DELAYED") || accept("HIGH_PRIORITY") || accept("IGNORE")) {
            // modifiers
        }
        accept("INTO");
        return new DataChange(verb, List.of(tableName()));
    }

    /** {@code UPDATE [LOW_PRIORITY] [IGNORE] table [[AS] alias] SET ...}; joins leave the tables unknown. */
    private DdlStatement update() {
        expect("UPDATE");
        while (accept("LOW_PRIORITY") || accept("IGNORE")) {
            // modifiers
        }
        TableName table = tableName();
        skipAlias("SET");
        return new DataChange("UPDATE", at("SET") ? List.of(table) : null);
    }

    /**
     * {@code DELETE [LOW_PRIORITY] [QUICK] [IGNORE] FROM table [[AS] alias] [WHERE|ORDER|LIMIT|...]};
     * multi-table forms leave the tables unknown.
     */
    private DdlStatement delete() {
        expect("DELETE");
        while (accept("LOW_PRIORITY") || accept("QUICK") || accept("IGNORE")) {
            // modifiers
        }
        if (!accept("FROM")) {
            return new DataChange("DELETE", null);
        }
        TableName table = tableName();
        skipAlias("WHERE");
        boolean single = peek().kind() == Token.Kind.END || peek().isSymbol(";") || at("WHERE") || at("ORDER")
                || at("LIMIT") || at("PARTITION") || at("RETURNING") || at("FOR");
        return new DataChange("DELETE", single ? List.of(table) : null);
    }

    private void skipAlias(String next) {
        if (at(next)) {
            return;
        }
        if (accept("AS") || (peek().isIdentifier() && !peek().isSymbol(",") && !at("JOIN") && !at("USING")
                && !at("INNER") && !at("LEFT") && !at("RIGHT") && !at("CROSS") && !at("STRAIGHT_JOIN")
                && !at("NATURAL") && !at("WHERE") && !at("ORDER") && !at("LIMIT") && !at("PARTITION"))) {
            if (peek().isIdentifier()) {
                advance();
            }
        }
    }

    /** {@code LOAD DATA|XML ... INTO TABLE table ...}. */
    private DdlStatement load() {
        expect("LOAD");
        String verb = accept("XML") ? "LOAD XML" : accept("DATA") ? "LOAD DATA" : "LOAD";
        while (peek().kind() != Token.Kind.END && !(peek().isWord("INTO") && peek(1).isWord("TABLE"))) {
            advance();
        }
        if (!accept("INTO", "TABLE")) {
            return new DataChange(verb, null);
        }
        return new DataChange(verb, List.of(tableName()));
    }

    private DdlStatement create() {
        expect("CREATE");
        accept("OR", "REPLACE");
        if (accept("TEMPORARY")) {
            return new Ignored("CREATE TEMPORARY TABLE (temporary tables are not replicated row by row)");
        }
        if (accept("TABLE")) {
            return createTable();
        }
        if (accept("DATABASE") || accept("SCHEMA")) {
            accept("IF", "NOT", "EXISTS");
            String database = identifier();
            return new CreateDatabase(database, databaseCharset());
        }
        if (!accept("ONLINE")) {
            accept("OFFLINE");
        }
        boolean unique = accept("UNIQUE");
        if (!unique && !accept("FULLTEXT")) {
            accept("SPATIAL");
        }
        if (accept("INDEX")) {
            return createIndex(unique);
        }
        return ignored();
    }

    /** {@code CREATE [UNIQUE] INDEX [IF NOT EXISTS] name [USING type] ON table (parts) [options]}. */
    private DdlStatement createIndex(boolean unique) {
        boolean ifNotExists = accept("IF", "NOT", "EXISTS");
        String name = identifier();
        if (accept("USING")) {
            identifier();
        }
        expect("ON");
        TableName table = tableName();
        return new CreateIndex(table, index(name, unique, keyParts()), ifNotExists);
    }

    private DdlStatement alter() {
        expect("ALTER");
        accept("ONLINE");
        accept("IGNORE");
        if (accept("TABLE")) {
            boolean ifExists = accept("IF", "EXISTS");
            TableName table = tableName();
            return new AlterTable(table, ifExists, alterActions());
        }
        if (accept("DATABASE") || accept("SCHEMA")) {
            String database = peek().isIdentifier() && !isTableOptionStart() ? identifier() : null;
            return new AlterDatabase(database, databaseCharset());
        }
        return ignored();
    }

    private DdlStatement drop() {
        expect("DROP");
        if (accept("TEMPORARY")) {
            return new Ignored("DROP TEMPORARY TABLE");
        }
        if (accept("TABLE") || accept("TABLES")) {
            boolean ifExists = accept("IF", "EXISTS");
            List<TableName> tables = new ArrayList<>();
            do {
                tables.add(tableName());
            } while (acceptSymbol(","));
            return new DropTables(tables, ifExists);
        }
        if (accept("DATABASE") || accept("SCHEMA")) {
            accept("IF", "EXISTS");
            return new DropDatabase(identifier());
        }
        if (!accept("ONLINE")) {
            accept("OFFLINE");
        }
        if (accept("INDEX")) {
            boolean ifExists = accept("IF", "EXISTS");
            String name = identifier();
            expect("ON");
            return new DropIndexOn(tableName(), name, ifExists);
        }
        return ignored();
    }

    private DdlStatement renameTables() {
        accept("IF", "EXISTS");
        List<TableName> from = new ArrayList<>();
        List<TableName> to = new ArrayList<>();
        do {
            from.add(tableName());
            expect("TO");
            to.add(tableName());
        } while (acceptSymbol(","));
        return new RenameTables(from, to);
    }

    // ---------------------------------------------------------------- CREATE TABLE

    private DdlStatement createTable() {
        boolean ifNotExists = accept("IF", "NOT", "EXISTS");
        TableName table = tableName();
        if (accept("LIKE")) {
            return new CreateTableLike(table, tableName(), ifNotExists);
        }
        if (peek().isSymbol("(") && peek(1).isWord("LIKE")) {
            expectSymbol("(");
            expect("LIKE");
            TableName source = tableName();
            expectSymbol(")");
            return new CreateTableLike(table, source, ifNotExists);
        }
        List<ColumnSpec> columns = new ArrayList<>();
        List<String> primaryKey = new ArrayList<>();
        List<IndexSpec> indexes = new ArrayList<>();
        if (peek().isSymbol("(") && !peek(1).isWord("SELECT")) {
            expectSymbol("(");
            do {
                tableElement(columns, primaryKey, indexes);
            } while (acceptSymbol(","));
            expectSymbol(")");
        }
        String charset = tableOptions();
        if (at("PARTITION")) {
            skipPartitioning();
        }
        boolean copiesRows = at("AS") || at("SELECT") || at("IGNORE") || at("REPLACE") || at("TABLE")
                || at("VALUES") || at("WITH") || peek().isSymbol("(");
        if (columns.isEmpty() && !copiesRows) {
            throw error("a CREATE TABLE without a column list");
        }
        for (ColumnSpec column : columns) {
            if (column.primaryKey() && primaryKey.isEmpty()) {
                primaryKey.add(column.name());
            }
        }
        return new CreateTable(table, ifNotExists, columns, primaryKey, indexes, charset, copiesRows);
    }

    private void tableElement(List<ColumnSpec> columns, List<String> primaryKey, List<IndexSpec> indexes) {
        String constraint = constraintName();
        if (accept("PRIMARY")) {
            expect("KEY");
            primaryKey.clear();
            primaryKey.addAll(keyColumns());
            skipToElementEnd();
            return;
        }
        if (INDEX_ELEMENTS.contains(peek().upper()) && peek().kind() == Token.Kind.WORD && !isColumnStart()) {
            IndexSpec index = indexElement(constraint);
            if (index != null) {
                indexes.add(index);
            }
            return;
        }
        ColumnSpec column = columnDefinition(identifier());
        columns.add(column);
        if (column.unique()) {
            indexes.add(new IndexSpec(null, true, List.of(column.name()), false, false));
        }
    }

    /** {@code CONSTRAINT [symbol]}: the symbol, or null (also without CONSTRAINT). */
    private String constraintName() {
        if (accept("CONSTRAINT") && !at("PRIMARY") && !at("UNIQUE") && !at("FOREIGN") && !at("CHECK")) {
            return identifier();
        }
        return null;
    }

    /**
     * An index element of CREATE TABLE or ALTER TABLE ADD, from its first word: UNIQUE, INDEX,
     * KEY, FULLTEXT or SPATIAL declare one; anything else (FOREIGN KEY, CHECK, PERIOD...) is
     * skipped and gives null.
     */
    private IndexSpec indexElement(String constraint) {
        boolean unique = accept("UNIQUE");
        if (!unique && !accept("INDEX") && !accept("KEY") && !accept("FULLTEXT") && !accept("SPATIAL")) {
            skipToElementEnd();
            return null;
        }
        if (!accept("INDEX")) {
            accept("KEY");
        }
        accept("IF", "NOT", "EXISTS");
        String name = peek().isSymbol("(") || at("USING") ? constraint : identifier();
        IndexSpec index = index(name, unique, keyParts());
        skipToElementEnd();
        return index;
    }

    private static IndexSpec index(String name, boolean unique, List<KeyPart> parts) {
        List<String> columns = new ArrayList<>();
        for (KeyPart part : parts) {
            if (part.column() != null) {
                columns.add(part.column());
            }
        }
        return new IndexSpec(name, unique, columns, parts.stream().anyMatch(KeyPart::prefixed),
                parts.stream().anyMatch(part -> part.column() == null));
    }

    /** An element starting with KEY or INDEX could still be a column called so if a type follows. */
    private boolean isColumnStart() {
        Token next = peek(1);
        return next.kind() == Token.Kind.WORD && ColumnTypeNames.isTypeName(next.text())
                && !peek().isWord("FOREIGN") && !peek().isWord("CHECK") && !peek().isWord("UNIQUE")
                && !next.isWord("KEY") && !next.isWord("INDEX");
    }

    /** {@code (a, b(10), c DESC)}: the column names of a key. */
    private List<String> keyColumns() {
        return keyParts().stream().map(KeyPart::column).filter(java.util.Objects::nonNull).toList();
    }

    /** One part of a key: a column (prefixed when only its first characters are indexed), or an expression (null). */
    private record KeyPart(String column, boolean prefixed) {
    }

    /** {@code (a, b(10), (expr) DESC)}. */
    private List<KeyPart> keyParts() {
        if (accept("USING")) {
            identifier();
        }
        expectSymbol("(");
        List<KeyPart> parts = new ArrayList<>();
        do {
            if (peek().isSymbol("(")) {
                skipGroup(); // a functional key part
                parts.add(new KeyPart(null, false));
            } else {
                String name = identifier();
                boolean prefixed = peek().isSymbol("(");
                if (prefixed) {
                    skipGroup(); // the prefix length
                }
                parts.add(new KeyPart(name, prefixed));
            }
            accept("ASC");
            accept("DESC");
        } while (acceptSymbol(","));
        expectSymbol(")");
        return parts;
    }

    /** Table options after the element list; returns the default charset they set, or null. */
    private String tableOptions() {
        String charset = null;
        while (!peek().isSymbol(";") && peek().kind() != Token.Kind.END) {
            if (at("PARTITION") || at("AS") || at("SELECT") || at("IGNORE") || at("REPLACE")
                    || peek().isSymbol("(")) {
                break; // partitioning or the SELECT of CREATE ... SELECT: nothing about columns
            }
            if (acceptSymbol(",")) {
                continue;
            }
            String set = charsetOption();
            if (set != null) {
                charset = set;
                continue;
            }
            skipOption();
        }
        return charset;
    }

    /**
     * {@code [DEFAULT] CHARACTER SET [=] x}, {@code [DEFAULT] CHARSET [=] x} or
     * {@code [DEFAULT] COLLATE [=] x}: the charset, or null (consuming nothing) if not one of those.
     */
    private String charsetOption() {
        int start = i;
        accept("DEFAULT");
        if (accept("CHARACTER", "SET") || accept("CHARSET") || accept("CHAR", "SET")) {
            acceptSymbol("=");
            String charset = Charsets.normalize(word());
            if (accept("COLLATE")) {
                acceptSymbol("=");
                word();
            }
            return charset;
        }
        if (accept("COLLATE")) {
            acceptSymbol("=");
            return Charsets.ofCollation(word());
        }
        i = start;
        return null;
    }

    private String databaseCharset() {
        String charset = null;
        while (!peek().isSymbol(";") && peek().kind() != Token.Kind.END) {
            String set = charsetOption();
            if (set != null) {
                charset = set;
            } else {
                skipOption();
            }
        }
        return charset;
    }

    private boolean isTableOptionStart() {
        return at("DEFAULT") || at("CHARACTER") || at("CHARSET") || at("COLLATE") || at("ENCRYPTION")
                || at("READ") || at("COMMENT") || at("UPGRADE");
    }

    /** One {@code name [=] value} option, or a lone word. */
    /** A PARTITION BY clause with its definitions, up to a query that may follow it. */
    private void skipPartitioning() {
        while (peek().kind() != Token.Kind.END && !peek().isSymbol(";") && !at("AS") && !at("SELECT")
                && !at("IGNORE") && !at("REPLACE") && !at("WITH")) {
            if (peek().isSymbol("(")) {
                if (peek(1).isWord("SELECT") || peek(1).isWord("WITH")) {
                    return;
                }
                skipGroup();
            } else {
                advance();
            }
        }
    }

    private void skipOption() {
        advance();
        while (peek().kind() == Token.Kind.WORD && (peek().isWord("DIRECTORY") || peek().isWord("METHOD"))) {
            advance();
        }
        if (acceptSymbol("=")) {
            skipValue();
        } else if (peek().kind() != Token.Kind.WORD && !peek().isSymbol(",") && !peek().isSymbol(";")
                && peek().kind() != Token.Kind.END) {
            skipValue();
        }
    }

    private void skipValue() {
        if (peek().isSymbol("(")) {
            skipGroup();
        } else {
            advance();
        }
    }

    // ---------------------------------------------------------------- columns

    private ColumnSpec columnDefinition(String name) {
        boolean serial = at("SERIAL"); // BIGINT UNSIGNED NOT NULL AUTO_INCREMENT UNIQUE
        ColumnTypeNames.Type type = columnType();
        Boolean nullable = serial ? Boolean.FALSE : null;
        DefaultClause defaultValue = null;
        boolean autoIncrement = serial;
        boolean primaryKey = false;
        boolean unique = serial;
        boolean generated = false;
        boolean unsigned = type.unsigned();
        String charset = type.charset();
        while (!peek().isSymbol(",") && !peek().isSymbol(")") && !peek().isSymbol(";")
                && peek().kind() != Token.Kind.END) {
            if (at("FIRST") || at("AFTER")) {
                break; // ALTER TABLE placement
            }
            if (accept("NOT", "NULL")) {
                nullable = false;
            } else if (accept("NULL")) {
                nullable = true;
            } else if (accept("DEFAULT")) {
                defaultValue = expression();
            } else if (accept("AUTO_INCREMENT")) {
                autoIncrement = true;
            } else if (accept("PRIMARY", "KEY")) {
                primaryKey = true;
            } else if (accept("UNIQUE")) {
                accept("KEY");
                unique = true;
            } else if (accept("KEY")) {
                primaryKey = true; // a lone KEY in a column definition means PRIMARY KEY
            } else if (accept("GENERATED", "ALWAYS", "AS") || accept("AS")) {
                skipGroup();
                generated = true;
            } else if (accept("ON", "UPDATE")) {
                expression();
            } else if (accept("COMMENT")) {
                advance();
            } else if (accept("CHARACTER", "SET") || accept("CHARSET")) {
                charset = Charsets.normalize(word());
            } else if (accept("COLLATE")) {
                String collation = word();
                if (ColumnTypes.of(type.name()).hasCharset()) {
                    charset = Charsets.ofCollation(collation); // a collation implies its charset
                }
            } else if (accept("CHECK")) {
                skipGroup();
            } else if (accept("REFERENCES")) {
                tableName();
                if (peek().isSymbol("(")) {
                    skipGroup();
                }
                while (accept("MATCH") || accept("ON")) {
                    advance();
                    while (at("NO") || at("ACTION") || at("NULL") || at("DEFAULT") || at("CASCADE")
                            || at("RESTRICT") || at("SET")) {
                        advance();
                    }
                }
            } else if (accept("UNSIGNED") || accept("ZEROFILL")) {
                unsigned = true;
            } else if (accept("SIGNED")) {
                unsigned = false;
            } else if (accept("SRID")) {
                advance();
            } else if (accept("COLUMN_FORMAT") || accept("STORAGE") || accept("ENGINE_ATTRIBUTE")
                    || accept("SECONDARY_ENGINE_ATTRIBUTE") || accept("INVISIBLE") || accept("VISIBLE")
                    || accept("VIRTUAL") || accept("STORED") || accept("PERSISTENT")
                    || accept("COMPRESSED") || accept("CONSTRAINT")) {
                if (acceptSymbol("=") || peek().kind() == Token.Kind.STRING) {
                    skipValue();
                } else if (tokens.get(i - 1).isWord("COLUMN_FORMAT") || tokens.get(i - 1).isWord("STORAGE")
                        || tokens.get(i - 1).isWord("CONSTRAINT")) {
                    advance();
                }
            } else if (accept("WITH", "SYSTEM", "VERSIONING") || accept("WITHOUT", "SYSTEM", "VERSIONING")) {
                continue;
            } else {
                throw error("an unexpected column attribute");
            }
        }
        if (primaryKey) {
            nullable = false;
        }
        return new ColumnSpec(name, type.name(), type.arguments(), unsigned, charset, nullable, defaultValue,
                autoIncrement, primaryKey, unique && !primaryKey, generated);
    }

    private ColumnTypeNames.Type columnType() {
        List<String> words = new ArrayList<>();
        words.add(word());
        String combined = ColumnTypeNames.multiWord(words.get(0), peek());
        if (combined != null) {
            advance();
            words.set(0, combined);
            String third = ColumnTypeNames.multiWord(combined, peek());
            if (third != null) {
                advance();
                words.set(0, third);
            }
        }
        List<String> arguments = new ArrayList<>();
        if (peek().isSymbol("(")) {
            expectSymbol("(");
            do {
                Token t = advance();
                if (t.kind() == Token.Kind.END) {
                    throw error("a type argument");
                }
                String name = words.get(0).toLowerCase(Locale.ROOT);
                if (!name.equals("enum") && !name.equals("set") && !t.text().matches("[0-9]{1,10}")) {
                    i--;
                    throw error("a number as the length or precision of " + words.get(0));
                }
                arguments.add(t.text());
            } while (acceptSymbol(","));
            expectSymbol(")");
        }
        ColumnTypeNames.Type type = ColumnTypeNames.canonical(words.get(0), arguments);
        if (type == null) {
            i--;
            throw error("a column type, not '" + words.get(0) + "'");
        }
        boolean unsigned = type.unsigned();
        String charset = type.charset();
        while (true) {
            if (accept("UNSIGNED") || accept("ZEROFILL")) {
                unsigned = true;
            } else if (accept("SIGNED")) {
                unsigned = false;
            } else if (accept("BINARY")) {
                continue; // CHAR(10) BINARY: the charset's binary collation
            } else if (accept("ASCII")) {
                charset = "latin1";
            } else if (accept("UNICODE")) {
                charset = "ucs2";
            } else if (accept("BYTE")) {
                charset = "binary";
            } else if (accept("CHARACTER", "SET") || accept("CHARSET") || accept("CHAR", "SET")) {
                charset = Charsets.normalize(word());
            } else {
                break;
            }
        }
        return new ColumnTypeNames.Type(type.name(), type.arguments(), unsigned, charset, type.binaryString());
    }

    /** A DEFAULT or ON UPDATE clause: a literal or an expression; null for NULL. */
    private DefaultClause expression() {
        Token t = peek();
        if (t.isSymbol("(")) {
            int start = t.offset();
            int first = i + 1;
            skipGroup();
            Token only = tokens.get(first);
            DefaultClause constant = i - first == 2 && (only.kind() == Token.Kind.STRING
                    || only.kind() == Token.Kind.NUMBER) ? literal(only) : null;
            return new DefaultClause(sql.substring(start, tokens.get(i - 1).offset() + 1), DefaultClause.Kind.EXPRESSION,
                    constant);
        }
        if (t.isSymbol("-") || t.isSymbol("+")) {
            advance();
            return new DefaultClause((t.text().equals("-") ? "-" : "") + advance().text(), DefaultClause.Kind.LITERAL);
        }
        advance();
        if (t.kind() == Token.Kind.WORD && peek().isSymbol("(")) {
            int start = t.offset();
            skipGroup();
            return new DefaultClause(sql.substring(start, tokens.get(i - 1).offset() + 1), DefaultClause.Kind.EXPRESSION);
        }
        if (t.kind() == Token.Kind.WORD && t.text().startsWith("_") && peek().kind() == Token.Kind.STRING) {
            return literal(advance()); // a charset introducer before a string
        }
        if (t.kind() == Token.Kind.STRING || t.kind() == Token.Kind.NUMBER) {
            return literal(t);
        }
        if (t.isWord("NULL")) {
            return null;
        }
        return new DefaultClause(t.text(), t.isWord("TRUE") || t.isWord("FALSE") ? DefaultClause.Kind.LITERAL
                : DefaultClause.Kind.EXPRESSION);
    }

    /** The lexer keeps x'..' and b'..' as STRING tokens with their prefix and quotes. */
    private static DefaultClause literal(Token t) {
        String text = t.text();
        boolean prefixed = text.length() >= 3 && text.charAt(1) == '\'' && text.endsWith("'");
        if (t.kind() == Token.Kind.STRING && prefixed && (text.charAt(0) == 'x' || text.charAt(0) == 'X')) {
            return new DefaultClause(text.substring(2, text.length() - 1), DefaultClause.Kind.HEX);
        }
        if (t.kind() == Token.Kind.STRING && prefixed && (text.charAt(0) == 'b' || text.charAt(0) == 'B')) {
            return new DefaultClause(text, DefaultClause.Kind.LITERAL);
        }
        if (t.kind() == Token.Kind.NUMBER && text.length() > 2 && text.substring(0, 2).equalsIgnoreCase("0x")) {
            return new DefaultClause(text.substring(2), DefaultClause.Kind.HEX);
        }
        return new DefaultClause(text, t.kind() == Token.Kind.STRING ? DefaultClause.Kind.STRING
                : DefaultClause.Kind.LITERAL);
    }

    // ---------------------------------------------------------------- ALTER TABLE

    private List<AlterAction> alterActions() {
        List<AlterAction> actions = new ArrayList<>();
        while (!peek().isSymbol(";") && peek().kind() != Token.Kind.END) {
            if (acceptSymbol(",")) {
                continue;
            }
            if (at("PARTITION") || at("REMOVE")) {
                break; // partitioning clauses run to the end
            }
            alterAction(actions);
        }
        return actions;
    }

    private void alterAction(List<AlterAction> actions) {
        if (rowsWithoutEvents(actions)) {
            return;
        }
        if (accept("ADD")) {
            add(actions);
        } else if (accept("DROP")) {
            drop(actions);
        } else if (accept("MODIFY")) {
            accept("COLUMN");
            boolean ifExists = accept("IF", "EXISTS");
            String name = identifier();
            ColumnSpec column = columnDefinition(name);
            modifyColumn(actions, name, column, placement(), ifExists);
        } else if (accept("CHANGE")) {
            accept("COLUMN");
            boolean ifExists = accept("IF", "EXISTS");
            String old = identifier();
            ColumnSpec column = columnDefinition(identifier());
            modifyColumn(actions, old, column, placement(), ifExists);
        } else if (accept("RENAME")) {
            if (accept("COLUMN")) {
                String old = identifier();
                expect("TO");
                actions.add(new RenameColumn(old, identifier()));
            } else if (accept("INDEX") || accept("KEY")) {
                String old = identifier();
                expect("TO");
                actions.add(new RenameIndex(old, identifier()));
            } else {
                if (!accept("TO")) {
                    accept("AS");
                }
                actions.add(new RenameTo(tableName()));
            }
        } else if (accept("ALTER")) {
            alterColumn(actions);
        } else if (accept("CONVERT", "TO")) {
            String charset = charsetOption();
            if (charset == null) {
                throw error("CHARACTER SET after CONVERT TO");
            }
            actions.add(new ConvertCharset(charset));
        } else {
            String charset = charsetOption();
            if (charset != null) {
                actions.add(new DefaultCharset(charset));
            } else {
                skipOption();
            }
        }
    }

    private static void modifyColumn(List<AlterAction> actions, String oldName, ColumnSpec column, Placement placement,
            boolean ifExists) {
        actions.add(new ModifyColumn(oldName, column, placement, ifExists));
        if (column.unique()) {
            actions.add(new AddIndex(new IndexSpec(null, true, List.of(column.name()), false, false), false));
        }
    }

    /** Partition and tablespace operations that change rows without logging them as row events. */
    private boolean rowsWithoutEvents(List<AlterAction> actions) {
        String what = null;
        if (at("DROP") && peek(1).isWord("PARTITION")) {
            what = "DROP PARTITION";
        } else if (at("TRUNCATE") && peek(1).isWord("PARTITION")) {
            what = "TRUNCATE PARTITION";
        } else if (at("EXCHANGE") && peek(1).isWord("PARTITION")) {
            what = "EXCHANGE PARTITION";
        } else if (at("CONVERT") && (peek(1).isWord("PARTITION") || peek(1).isWord("TABLE"))) {
            what = "CONVERT " + peek(1).upper();
        } else if ((at("DISCARD") || at("IMPORT")) && (peek(1).isWord("TABLESPACE") || peek(1).isWord("PARTITION"))) {
            what = peek().upper() + " TABLESPACE";
        }
        if (what == null) {
            return false;
        }
        actions.add(new RowsWithoutEvents(what));
        skipToElementEnd();
        return true;
    }

    private void add(List<AlterAction> actions) {
        String constraint = constraintName();
        if (accept("PRIMARY", "KEY")) {
            actions.add(new AddPrimaryKey(keyColumns()));
            skipToElementEnd();
            return;
        }
        boolean columnKeyword = accept("COLUMN");
        if (!columnKeyword && peek().kind() == Token.Kind.WORD && NOT_A_COLUMN.contains(peek().upper())) {
            boolean ifNotExists = peek(1).isWord("IF") || peek(2).isWord("IF");
            IndexSpec index = indexElement(constraint);
            if (index != null) {
                actions.add(new AddIndex(index, ifNotExists));
            }
            return;
        }
        boolean ifNotExists = accept("IF", "NOT", "EXISTS");
        if (acceptSymbol("(")) {
            do {
                addColumn(actions, columnDefinition(identifier()), Placement.LAST, ifNotExists);
            } while (acceptSymbol(","));
            expectSymbol(")");
            return;
        }
        ColumnSpec column = columnDefinition(identifier());
        addColumn(actions, column, placement(), ifNotExists);
    }

    private static void addColumn(List<AlterAction> actions, ColumnSpec column, Placement placement,
            boolean ifNotExists) {
        actions.add(new AddColumn(column, placement, ifNotExists));
        if (column.unique()) {
            actions.add(new AddIndex(new IndexSpec(null, true, List.of(column.name()), false, false), false));
        }
    }

    private void drop(List<AlterAction> actions) {
        if (accept("PRIMARY", "KEY")) {
            actions.add(new DropPrimaryKey());
            return;
        }
        boolean columnKeyword = accept("COLUMN");
        if (!columnKeyword && (accept("INDEX") || accept("KEY"))) {
            boolean ifExists = accept("IF", "EXISTS");
            actions.add(new DropIndex(identifier(), ifExists));
            return;
        }
        if (!columnKeyword && accept("CONSTRAINT")) {
            accept("IF", "EXISTS");
            actions.add(new DropIndex(identifier(), true)); // a unique index, or a check or foreign key
            return;
        }
        if (!columnKeyword && (at("FOREIGN") || at("CHECK") || at("PARTITION") || at("SYSTEM") || at("PERIOD"))) {
            skipToElementEnd();
            return;
        }
        boolean ifExists = accept("IF", "EXISTS");
        actions.add(new DropColumn(identifier(), ifExists));
        accept("RESTRICT");
        accept("CASCADE");
    }

    private void alterColumn(List<AlterAction> actions) {
        if (at("INDEX") || at("CHECK") || at("CONSTRAINT")) {
            skipToElementEnd();
            return;
        }
        accept("COLUMN");
        String name = identifier();
        if (accept("SET", "DEFAULT")) {
            actions.add(new SetColumnDefault(name, expression()));
        } else if (accept("DROP", "DEFAULT")) {
            actions.add(new SetColumnDefault(name, null));
        } else {
            skipToElementEnd(); // SET VISIBLE / SET INVISIBLE
        }
    }

    private Placement placement() {
        if (accept("FIRST")) {
            return new Placement(true, null);
        }
        if (accept("AFTER")) {
            return new Placement(false, identifier());
        }
        return Placement.LAST;
    }

    // ---------------------------------------------------------------- tokens

    private TableName tableName() {
        String first = identifier();
        TableName name = acceptSymbol(".") ? new TableName(first, identifier()) : new TableName(null, first);
        if (subject == null) {
            subject = name;
        }
        return name;
    }

    private String identifier() {
        Token t = peek();
        if (!t.isIdentifier()) {
            throw error("a name");
        }
        i++;
        return t.text();
    }

    /** A bare word or a quoted name or string, e.g. a charset or collation. */
    private String word() {
        Token t = peek();
        if (t.kind() == Token.Kind.END || t.kind() == Token.Kind.SYMBOL) {
            throw error("a word");
        }
        i++;
        return t.text();
    }

    private Token peek() {
        return tokens.get(i);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(i + ahead, tokens.size() - 1));
    }

    private Token advance() {
        Token t = tokens.get(i);
        if (t.kind() != Token.Kind.END) {
            i++;
        }
        return t;
    }

    private boolean at(String word) {
        return peek().isWord(word);
    }

    /** Consumes the words if they all come next, in order; otherwise consumes nothing. */
    private boolean accept(String... words) {
        for (int k = 0; k < words.length; k++) {
            if (!peek(k).isWord(words[k])) {
                return false;
            }
        }
        i += words.length;
        return true;
    }

    private boolean acceptSymbol(String symbol) {
        if (peek().isSymbol(symbol)) {
            i++;
            return true;
        }
        return false;
    }

    private void expect(String word) {
        if (!accept(word)) {
            throw error(word);
        }
    }

    private void expectSymbol(String symbol) {
        if (!acceptSymbol(symbol)) {
            throw error("'" + symbol + "'");
        }
    }

    /** Skips a parenthesised group, nested groups included. */
    private void skipGroup() {
        expectSymbol("(");
        int depth = 1;
        while (depth > 0) {
            Token t = advance();
            if (t.kind() == Token.Kind.END) {
                throw error("')'");
            }
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            }
        }
    }

    /** Skips to the ',' or ')' that ends the current element or clause, at this nesting depth. */
    private void skipToElementEnd() {
        while (true) {
            Token t = peek();
            if (t.kind() == Token.Kind.END || t.isSymbol(",") || t.isSymbol(")") || t.isSymbol(";")) {
                return;
            }
            if (t.isSymbol("(")) {
                skipGroup();
            } else {
                advance();
            }
        }
    }

    private DdlStatement ignored() {
        StringBuilder what = new StringBuilder();
        for (int k = 0; k < Math.min(3, tokens.size() - 1); k++) {
            if (tokens.get(k).kind() == Token.Kind.WORD) {
                what.append(what.length() == 0 ? "" : " ").append(tokens.get(k).upper());
            }
        }
        return new Ignored(what.toString());
    }

    private DdlParseException error(String expected) {
        Token t = peek();
        int from = Math.max(0, t.offset() - 30);
        int to = Math.min(sql.length(), t.offset() + 30);
        return new DdlParseException("expected " + expected + " but found " + t + " at offset " + t.offset()
                + " (near \"" + sql.substring(from, to).replaceAll("\\s+", " ") + "\")", subject);
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
