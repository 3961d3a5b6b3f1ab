package dev.sluice.schema.ddl;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits MySQL/MariaDB SQL into tokens. Comments are dropped; the content of executable
 * comments ({@code /*!80016 ... *}{@code /}, {@code /*M! ... *}{@code /}) is kept, because the
 * server executed it.
 */
final class SqlLexer {

    private final String sql;
    private int pos;
    private int openExecutableComments;
    private final List<Token> tokens = new ArrayList<>();

    private SqlLexer(String sql) {
        this.sql = sql;
    }

    static List<Token> tokenize(String sql) {
        SqlLexer lexer = new SqlLexer(sql);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '#' || (c == '-' && startsWith("--") && (pos + 2 >= sql.length()
                    || Character.isWhitespace(sql.charAt(pos + 2))))) {
                skipLine();
            } else if (startsWith("/*")) {
                comment();
            } else if (openExecutableComments > 0 && startsWith("*/")) {
                openExecutableComments--;
                pos += 2; // the end of an executable comment whose content we kept
            } else if (c == '`' || c == '"') {
                quoted(c, Token.Kind.QUOTED_IDENTIFIER);
            } else if (c == '\'') {
                quoted(c, Token.Kind.STRING);
            } else if ((c == 'x' || c == 'X' || c == 'b' || c == 'B') && pos + 1 < sql.length()
                    && sql.charAt(pos + 1) == '\'') {
                int start = pos;
                pos++;
                quoted('\'', Token.Kind.STRING);
                Token last = tokens.remove(tokens.size() - 1);
                tokens.add(new Token(Token.Kind.STRING, c + "'" + last.text() + "'", start));
            } else if (Character.isDigit(c) || (c == '.' && pos + 1 < sql.length()
                    && Character.isDigit(sql.charAt(pos + 1)) && !previousIsIdentifier())) {
                number();
            } else if (isWordChar(c)) {
                word();
            } else {
                symbol();
            }
        }
        tokens.add(new Token(Token.Kind.END, "", sql.length()));
    }

    private boolean previousIsIdentifier() {
        if (tokens.isEmpty()) {
            return false;
        }
        Token last = tokens.get(tokens.size() - 1);
        return last.isIdentifier();
    }

    private boolean startsWith(String prefix) {
        return sql.startsWith(prefix, pos);
    }

    private void skipLine() {
        while (pos < sql.length() && sql.charAt(pos) != '\n') {
            pos++;
        }
    }

    private void comment() {
        if (startsWith("/*!") || startsWith("/*M!")) {
            pos += startsWith("/*!") ? 3 : 4;
            while (pos < sql.length() && Character.isDigit(sql.charAt(pos))) {
                pos++; // the version number
            }
            openExecutableComments++;
            return; // the content is lexed as ordinary SQL; its "*/" is skipped when reached
        }
        int end = sql.indexOf("*/", pos + 2);
        pos = end < 0 ? sql.length() : end + 2;
    }

    private void quoted(char quote, Token.Kind kind) {
        int start = pos;
        StringBuilder text = new StringBuilder();
        pos++;
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (c == quote) {
                if (pos + 1 < sql.length() && sql.charAt(pos + 1) == quote) {
                    text.append(quote);
                    pos += 2;
                    continue;
                }
                pos++;
                tokens.add(new Token(kind, text.toString(), start));
                return;
            }
            if (c == '\\' && quote != '`' && pos + 1 < sql.length()) {
                text.append(unescape(sql.charAt(pos + 1)));
                pos += 2;
                continue;
            }
            text.append(c);
            pos++;
        }
        throw new DdlParseException("unterminated " + (kind == Token.Kind.STRING ? "string" : "quoted identifier")
                + " starting at offset " + start);
    }

    private static String unescape(char c) {
        return switch (c) {
            case 'n' -> "\n";
            case 't' -> "\t";
            case 'r' -> "\r";
            case '0' -> "\0";
            case 'b' -> "\b";
            case 'Z' -> "\u001A";
            case '%' -> "\\%";
            case '_' -> "\\_";
            default -> String.valueOf(c);
        };
    }

    private void number() {
        int start = pos;
        while (pos < sql.length() && (Character.isLetterOrDigit(sql.charAt(pos)) || sql.charAt(pos) == '.'
                || ((sql.charAt(pos) == '+' || sql.charAt(pos) == '-')
                        && (sql.charAt(pos - 1) == 'e' || sql.charAt(pos - 1) == 'E')))) {
            pos++;
        }
        String text = sql.substring(start, pos);
        // "1e" or "2x" that are really identifiers starting with digits (legal in MySQL)
        boolean numeric = text.matches("(0x[0-9a-fA-F]+|0b[01]+|\\d*\\.?\\d+([eE][+-]?\\d+)?|\\d+\\.)");
        tokens.add(new Token(numeric ? Token.Kind.NUMBER : Token.Kind.WORD, text, start));
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '@' || c > 0x7F;
    }

    private void word() {
        int start = pos;
        while (pos < sql.length() && isWordChar(sql.charAt(pos))) {
            pos++;
        }
        tokens.add(new Token(Token.Kind.WORD, sql.substring(start, pos), start));
    }

    private void symbol() {
        int start = pos;
        String two = pos + 1 < sql.length() ? sql.substring(pos, pos + 2) : "";
        if (two.equals("<=") || two.equals(">=") || two.equals("<>") || two.equals("!=") || two.equals("||")
                || two.equals("&&") || two.equals(":=") || two.equals("->")) {
            pos += 2;
        } else {
            pos++;
        }
        tokens.add(new Token(Token.Kind.SYMBOL, sql.substring(start, pos), start));
    }
}
