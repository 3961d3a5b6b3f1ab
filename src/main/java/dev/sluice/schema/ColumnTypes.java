package dev.sluice.schema;

import java.util.ArrayList;
import java.util.List;

/** Small parsers for MySQL column type strings. */
public final class ColumnTypes {

    private ColumnTypes() {
    }

    /**
     * The members of {@code enum('a','b')} or {@code set('x','y')} as MySQL quotes them (single
     * quotes, a quote inside doubled); empty for other types.
     */
    public static List<String> allowedValues(String columnType) {
        String lower = columnType.toLowerCase();
        if (!(lower.startsWith("enum(") || lower.startsWith("set("))) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        int i = columnType.indexOf('(') + 1;
        while (i < columnType.length()) {
            char c = columnType.charAt(i);
            if (c == '\'') {
                StringBuilder value = new StringBuilder();
                i++;
                while (i < columnType.length()) {
                    char d = columnType.charAt(i);
                    if (d == '\'' && i + 1 < columnType.length() && columnType.charAt(i + 1) == '\'') {
                        value.append('\'');
                        i += 2;
                    } else if (d == '\'') {
                        i++;
                        break;
                    } else if (d == '\\' && i + 1 < columnType.length()) {
                        value.append(columnType.charAt(i + 1));
                        i += 2;
                    } else {
                        value.append(d);
                        i++;
                    }
                }
                values.add(value.toString());
            } else if (c == ')') {
                break;
            } else {
                i++;
            }
        }
        return List.copyOf(values);
    }
}
