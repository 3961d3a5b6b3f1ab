package dev.sluice.schema.ddl;

import java.nio.charset.Charset;
import java.util.HexFormat;

/**
 * A column's DEFAULT as a statement writes it.
 *
 * @param text a string literal unquoted; a hex literal as its digits; any other literal or
 *     expression as written
 * @param constant for {@code (literal)}, that literal: MariaDB stores such a default as the
 *     literal itself, MySQL as an expression; null otherwise
 */
public record DefaultClause(String text, Kind kind, DefaultClause constant) {

    public DefaultClause(String text, Kind kind) {
        this(text, kind, null);
    }

    public enum Kind {
        /** {@code 'text'}, with or without a charset introducer. */
        STRING,
        /** {@code 0x6162} or {@code x'6162'}: bytes, which a text column reads in its character set. */
        HEX,
        /** A number, {@code TRUE}/{@code FALSE}, or a bit literal {@code b'101'}. */
        LITERAL,
        /** Anything the server evaluates: {@code (expr)}, a function call, {@code CURRENT_TIMESTAMP}. */
        EXPRESSION
    }

    public boolean isExpression() {
        return kind == Kind.EXPRESSION;
    }

    /**
     * The literal's value as a column of this type and charset holds it: a hex literal of a text
     * column decoded in the column's character set, as {@code 0x...} for any other column.
     */
    public String valueFor(Charset textCharset) {
        if (kind != Kind.HEX) {
            return text;
        }
        return textCharset == null ? "0x" + text : new String(HexFormat.of().parseHex(text), textCharset);
    }
}
