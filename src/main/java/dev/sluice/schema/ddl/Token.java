package dev.sluice.schema.ddl;

import java.util.Locale;

/** One lexical token of a SQL statement. */
record Token(Kind kind, String text, int offset) {

    enum Kind {
        /** A bare word: keyword or unquoted identifier. */
        WORD,
        /** A `back-quoted` or "double-quoted" identifier, unquoted. */
        QUOTED_IDENTIFIER,
        /** A 'string' literal, unquoted and unescaped. */
        STRING,
        NUMBER,
        /** Punctuation and operators: ( ) , ; . = and the rest, one or two characters. */
        SYMBOL,
        END
    }

    boolean isWord(String word) {
        return kind == Kind.WORD && text.equalsIgnoreCase(word);
    }

    boolean isSymbol(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    boolean isIdentifier() {
        return kind == Kind.WORD || kind == Kind.QUOTED_IDENTIFIER;
    }

    String upper() {
        return text.toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return kind == Kind.END ? "end of statement" : "'" + text + "'";
    }
}
