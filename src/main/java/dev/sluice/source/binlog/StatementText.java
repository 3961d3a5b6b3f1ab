package dev.sluice.source.binlog;

import dev.sluice.source.MysqlCharsets;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A logged statement's text, decoded in the character set of the client that sent it, and which
 * transaction-control command (if any) it is.
 */
final class StatementText {

    enum Kind {
        BEGIN, COMMIT, ROLLBACK, SAVEPOINT, ROLLBACK_TO_SAVEPOINT, RELEASE_SAVEPOINT,
        XA_START, XA_END, XA_PREPARE, XA_COMMIT, XA_ROLLBACK,
        /** Anything else: DDL, administration, a statement-format change. */
        OTHER
    }

    /** A command and its argument: a savepoint name (lower case, unquoted) or an XA id text. */
    record Command(Kind kind, String argument) {
    }

    private final Map<Integer, String> collationCharsets;

    StatementText(Map<Integer, String> collationCharsets) {
        this.collationCharsets = collationCharsets;
    }

    /**
     * @param where the event's position, for the error message
     * @throws UnsupportedBinlogException when the statement is not ASCII and its character set is
     *     unknown or one Java cannot decode
     */
    String decode(QueryText query, Supplier<String> where) {
        byte[] bytes = query.sqlBytes();
        if (isAscii(bytes)) {
            return new String(bytes, StandardCharsets.US_ASCII);
        }
        int collation = query.clientCharset();
        String charsetName = collation == QueryText.UNKNOWN_CHARSET ? null : collationCharsets.get(collation);
        if (charsetName == null) {
            throw new UnsupportedBinlogException("The statement at " + where.get() + " is not plain"
                    + " ASCII and its client character set (collation id " + collation + ") is "
                    + (collation == QueryText.UNKNOWN_CHARSET ? "not logged" : "not one the source lists")
                    + ", so Sluice cannot read it");
        }
        Charset charset = charsetName.equalsIgnoreCase("binary") ? StandardCharsets.UTF_8
                : MysqlCharsets.known(charsetName);
        if (charset == null) {
            throw new UnsupportedBinlogException("The statement at " + where.get() + " was sent in the"
                    + " character set " + charsetName + ", which Sluice cannot decode; have clients that run DDL use"
                    + " utf8mb4");
        }
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new UnsupportedBinlogException("The statement at " + where.get() + " is not valid "
                    + charsetName + " (" + e.getMessage() + ")", e);
        }
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /** The transaction-control command a statement is (the server writes these itself, without comments). */
    static Command command(String sql) {
        String text = stripLeadingComments(sql);
        String upper = text.toUpperCase(Locale.ROOT);
        if (upper.equals("BEGIN") || upper.equals("BEGIN WORK") || upper.equals("START TRANSACTION")) {
            return new Command(Kind.BEGIN, null);
        }
        if (upper.equals("COMMIT") || upper.equals("COMMIT WORK")) {
            return new Command(Kind.COMMIT, null);
        }
        if (upper.equals("ROLLBACK") || upper.equals("ROLLBACK WORK")) {
            return new Command(Kind.ROLLBACK, null);
        }
        String[] words = upper.split("\\s+", 4);
        if (words[0].equals("SAVEPOINT") && words.length > 1) {
            return new Command(Kind.SAVEPOINT, name(text.substring(9)));
        }
        if (words[0].equals("ROLLBACK") && words.length > 2
                && (words[1].equals("TO") || (words[1].equals("WORK") && words[2].equals("TO")))) {
            String rest = text.substring(upper.indexOf(" TO") + 3).trim();
            if (rest.toUpperCase(Locale.ROOT).startsWith("SAVEPOINT ")) {
                rest = rest.substring(10);
            }
            return new Command(Kind.ROLLBACK_TO_SAVEPOINT, name(rest));
        }
        if (words[0].equals("ROLLBACK")) {
            return new Command(Kind.ROLLBACK, null);
        }
        if (words[0].equals("RELEASE") && words.length > 2 && words[1].equals("SAVEPOINT")) {
            return new Command(Kind.RELEASE_SAVEPOINT, name(text.substring(upper.indexOf("SAVEPOINT") + 9)));
        }
        if (words[0].equals("XA") && words.length > 1) {
            String argument = text.substring(text.toUpperCase(Locale.ROOT).indexOf(words[1]) + words[1].length()).trim();
            if (argument.toUpperCase(Locale.ROOT).endsWith(" ONE PHASE")) {
                argument = argument.substring(0, argument.length() - 10).trim();
            }
            Kind kind = switch (words[1]) {
                case "START", "BEGIN" -> Kind.XA_START;
                case "END" -> Kind.XA_END;
                case "PREPARE" -> Kind.XA_PREPARE;
                case "COMMIT" -> Kind.XA_COMMIT;
                case "ROLLBACK" -> Kind.XA_ROLLBACK;
                default -> Kind.OTHER;
            };
            return new Command(kind, argument);
        }
        return new Command(Kind.OTHER, null);
    }

    /** A savepoint name: backquoted ({@code ``} inside) or bare; names compare without case. */
    private static String name(String text) {
        String trimmed = text.trim();
        if (trimmed.startsWith("`") && trimmed.endsWith("`") && trimmed.length() >= 2) {
            trimmed = trimmed.substring(1, trimmed.length() - 1).replace("``", "`");
        }
        return trimmed.toLowerCase(Locale.ROOT);
    }

    /** Drops whitespace and comments before the first word ({@code /*...*}{@code /}, {@code #}, {@code -- }). */
    private static String stripLeadingComments(String sql) {
        int at = 0;
        while (at < sql.length()) {
            char c = sql.charAt(at);
            if (Character.isWhitespace(c)) {
                at++;
            } else if (sql.startsWith("/*", at) && !sql.startsWith("/*!", at) && !sql.startsWith("/*M!", at)) {
                int end = sql.indexOf("*/", at + 2);
                at = end < 0 ? sql.length() : end + 2;
            } else if (c == '#' || sql.startsWith("-- ", at)) {
                int end = sql.indexOf('\n', at);
                at = end < 0 ? sql.length() : end + 1;
            } else {
                break;
            }
        }
        return sql.substring(at).trim();
    }
}
