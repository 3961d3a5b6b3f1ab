package dev.sluice.source.binlog;

import dev.sluice.source.binlog.JsonDocument.ArrayNode;
import dev.sluice.source.binlog.JsonDocument.Node;
import dev.sluice.source.binlog.JsonDocument.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * MySQL's partial JSON updates ({@code binlog_row_value_options=PARTIAL_JSON}): the after image of
 * a JSON column is logged as a list of changes to the before image (from JSON_SET, JSON_REPLACE
 * and JSON_REMOVE), which this applies to rebuild the whole after document.
 *
 * <p>The list: a 4-byte little-endian length (read as the column value's length), then changes,
 * each an operation byte (0 replace, 1 insert, 2 remove), a path (length-prefixed text such as
 * {@code $.a[2]."b c"}) and, except for remove, a length-prefixed binary JSON value. Lengths are
 * MySQL's packed integers. Each change is
 * applied as the server's replica applies it: replace needs the exact path to exist, insert needs
 * its parent (and a new member name), remove needs the path to exist; anything else is refused,
 * because the rebuilt document would differ from the source's.
 */
public final class JsonDiffs {

    private static final int REPLACE = 0;
    private static final int INSERT = 1;
    private static final int REMOVE = 2;

    private JsonDiffs() {
    }

    /**
     * @param before the column's before image (MySQL binary JSON)
     * @param diffs the logged changes (after the list's length)
     * @return the after image in MySQL binary JSON
     * @throws IOException when the list is malformed or a change does not fit the before image
     */
    public static byte[] apply(byte[] before, byte[] diffs) throws IOException {
        Node document = JsonDocument.parse(before);
        Cursor in = new Cursor(diffs, 0);
        while (in.at < diffs.length) {
            int operation = in.next();
            String pathText = new String(in.bytes(in.packedLength()), StandardCharsets.UTF_8);
            List<Leg> path = parsePath(pathText);
            Node value = operation == REMOVE ? null : JsonDocument.parse(in.bytes(in.packedLength()));
            document = switch (operation) {
                case REPLACE -> replace(document, path, value, pathText);
                case INSERT -> insert(document, path, value, pathText);
                case REMOVE -> remove(document, path, pathText);
                default -> throw new IOException("unknown partial JSON operation " + operation);
            };
        }
        return JsonDocument.write(document);
    }

    private static Node replace(Node document, List<Leg> path, Node value, String text) throws IOException {
        if (path.isEmpty()) {
            return value;
        }
        Node parent = seek(document, path.subList(0, path.size() - 1), text);
        Leg last = path.get(path.size() - 1);
        if (parent instanceof ObjectNode object && last.member() != null && object.members.containsKey(last.member())) {
            object.members.put(last.member(), value);
            return document;
        }
        if (parent instanceof ArrayNode array && last.member() == null) {
            int index = last.position(array.elements.size());
            if (last.withinBounds(array.elements.size())) {
                array.elements.set(index, value);
                return document;
            }
        }
        throw rejected("replace", text);
    }

    private static Node insert(Node document, List<Leg> path, Node value, String text) throws IOException {
        if (path.isEmpty()) {
            throw rejected("insert", text);
        }
        Node parent = seek(document, path.subList(0, path.size() - 1), text);
        Leg last = path.get(path.size() - 1);
        if (parent instanceof ObjectNode object && last.member() != null && !object.members.containsKey(last.member())) {
            object.members.put(last.member(), value);
            return document;
        }
        if (parent instanceof ArrayNode array && last.member() == null) {
            array.elements.add(last.position(array.elements.size()), value);
            return document;
        }
        throw rejected("insert", text);
    }

    private static Node remove(Node document, List<Leg> path, String text) throws IOException {
        if (path.isEmpty()) {
            throw rejected("remove", text);
        }
        Node parent = seek(document, path.subList(0, path.size() - 1), text);
        Leg last = path.get(path.size() - 1);
        if (parent instanceof ObjectNode object && last.member() != null && object.members.remove(last.member()) != null) {
            return document;
        }
        if (parent instanceof ArrayNode array && last.member() == null && last.withinBounds(array.elements.size())) {
            array.elements.remove(last.position(array.elements.size()));
            return document;
        }
        throw rejected("remove", text);
    }

    /** The node at an exact path (no wildcards, no auto-wrapping of scalars). */
    private static Node seek(Node node, List<Leg> legs, String text) throws IOException {
        for (Leg leg : legs) {
            if (node instanceof ObjectNode object && leg.member() != null) {
                node = object.members.get(leg.member());
            } else if (node instanceof ArrayNode array && leg.member() == null
                    && leg.withinBounds(array.elements.size())) {
                node = array.elements.get(leg.position(array.elements.size()));
            } else {
                node = null;
            }
            if (node == null) {
                throw new IOException("the path " + text + " of a partial JSON update is not in the before image");
            }
        }
        return node;
    }

    private static IOException rejected(String operation, String path) {
        return new IOException("the partial JSON " + operation + " at " + path + " does not fit the before image");
    }

    /** One step of a path: a member name (UTF-8), or an array cell counted from the start or the end. */
    record Leg(byte[] member, long index, boolean fromEnd) {

        /** Where the cell is in an array of this size; for inserts, past-the-end positions append. */
        int position(int size) {
            if (fromEnd) {
                return index < size ? (int) (size - index - 1) : 0;
            }
            return (int) Math.min(index, size);
        }

        boolean withinBounds(int size) {
            return index < size;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Leg other && Arrays.equals(member, other.member) && index == other.index
                    && fromEnd == other.fromEnd;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(member) * 31 + Long.hashCode(index) + (fromEnd ? 1 : 0);
        }

        @Override
        public String toString() {
            return member != null ? "." + new String(member, StandardCharsets.UTF_8)
                    : "[" + (fromEnd ? "last-" : "") + index + "]";
        }
    }

    /**
     * A path as MySQL prints it: {@code $}, then {@code .name}, {@code ."quoted name"} (JSON string
     * escapes) or {@code [n]}, {@code [last]}, {@code [last-n]}.
     *
     * @throws IOException when the text is not such a path
     */
    static List<Leg> parsePath(String text) throws IOException {
        PathReader reader = new PathReader(text);
        return reader.legs();
    }

    private static final class PathReader {
        private final String text;
        private int at;

        PathReader(String text) {
            this.text = text;
        }

        List<Leg> legs() throws IOException {
            skipSpaces();
            expect('$');
            List<Leg> legs = new ArrayList<>();
            while (true) {
                skipSpaces();
                if (at == text.length()) {
                    return legs;
                }
                char c = text.charAt(at);
                if (c == '.') {
                    at++;
                    skipSpaces();
                    legs.add(new Leg(memberName().getBytes(StandardCharsets.UTF_8), 0, false));
                } else if (c == '[') {
                    at++;
                    legs.add(arrayCell());
                } else {
                    throw malformed();
                }
            }
        }

        private String memberName() throws IOException {
            if (at < text.length() && text.charAt(at) == '"') {
                return quoted();
            }
            int start = at;
            while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_'
                    || text.charAt(at) == '$' || Character.isSurrogate(text.charAt(at)))) {
                at++;
            }
            if (at == start) {
                throw malformed();
            }
            return text.substring(start, at);
        }

        private String quoted() throws IOException {
            at++;
            StringBuilder name = new StringBuilder();
            while (at < text.length()) {
                char c = text.charAt(at++);
                if (c == '"') {
                    return name.toString();
                }
                if (c != '\\') {
                    name.append(c);
                    continue;
                }
                if (at >= text.length()) {
                    break;
                }
                char e = text.charAt(at++);
                switch (e) {
                    case '"', '\\', '/' -> name.append(e);
                    case 'b' -> name.append('\b');
                    case 'f' -> name.append('\f');
                    case 'n' -> name.append('\n');
                    case 'r' -> name.append('\r');
                    case 't' -> name.append('\t');
                    case 'u' -> {
                        if (at + 4 > text.length()) {
                            throw malformed();
                        }
                        try {
                            name.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw malformed();
                        }
                        at += 4;
                    }
                    default -> throw malformed();
                }
            }
            throw malformed();
        }

        private Leg arrayCell() throws IOException {
            skipSpaces();
            boolean fromEnd = false;
            long index = 0;
            if (text.startsWith("last", at)) {
                fromEnd = true;
                at += 4;
                skipSpaces();
                if (at < text.length() && text.charAt(at) == '-') {
                    at++;
                    skipSpaces();
                    index = number();
                }
            } else {
                index = number();
            }
            skipSpaces();
            expect(']');
            return new Leg(null, index, fromEnd);
        }

        private long number() throws IOException {
            int start = at;
            while (at < text.length() && Character.isDigit(text.charAt(at))) {
                at++;
            }
            if (at == start) {
                throw malformed();
            }
            try {
                return Long.parseLong(text.substring(start, at));
            } catch (NumberFormatException e) {
                throw malformed();
            }
        }

        private void expect(char c) throws IOException {
            if (at >= text.length() || text.charAt(at) != c) {
                throw malformed();
            }
            at++;
        }

        private void skipSpaces() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        private IOException malformed() {
            return new IOException("a partial JSON update names the path '" + text + "', which Sluice cannot read"
                    + " (at character " + at + ")");
        }
    }

    /** Reads the change list's bytes. */
    private static final class Cursor {
        private final byte[] bytes;
        private int at;

        Cursor(byte[] bytes, int at) {
            this.bytes = bytes;
            this.at = at;
        }

        int next() throws IOException {
            if (at >= bytes.length) {
                throw truncated();
            }
            return bytes[at++] & 0xFF;
        }

        /** MySQL's packed integer: one byte below 251, else 252/253/254 then 2, 3 or 8 bytes. */
        int packedLength() throws IOException {
            int first = next();
            long value;
            if (first < 251) {
                value = first;
            } else if (first == 252) {
                value = little(2);
            } else if (first == 253) {
                value = little(3);
            } else if (first == 254) {
                value = little(8);
            } else {
                throw new IOException("a malformed length in a partial JSON update");
            }
            if (value > bytes.length - at) {
                throw truncated();
            }
            return (int) value;
        }

        byte[] bytes(int length) throws IOException {
            if (length > bytes.length - at) {
                throw truncated();
            }
            byte[] out = Arrays.copyOfRange(bytes, at, at + length);
            at += length;
            return out;
        }

        private long little(int count) throws IOException {
            long value = 0;
            for (int i = 0; i < count; i++) {
                value |= (long) next() << (8 * i);
            }
            return value;
        }

        private IOException truncated() {
            return new IOException("a partial JSON update ends in the middle of a change");
        }
    }
}
