package dev.sluice.source.binlog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * A MySQL binary JSON value (json_binary) as a small tree that can be changed and written back,
 * so a partial JSON update can be applied to the before image and the result handled exactly like
 * a full after image. Scalars keep their binary encoding untouched; objects keep MySQL's key order
 * (shorter keys first, then by bytes), which is the order MySQL itself writes them in.
 *
 * <p>The binary form: a type byte, then the value. Objects and arrays hold a count and a size (2
 * bytes each in the small form, 4 in the large), key entries (offset and 2-byte length), value
 * entries (a type byte and an offset, or the value itself when it fits), little-endian, offsets
 * counted from the start of the container. Written back always in the large form, which every
 * reader accepts.
 */
public final class JsonDocument {

    static final int SMALL_OBJECT = 0x00;
    static final int LARGE_OBJECT = 0x01;
    static final int SMALL_ARRAY = 0x02;
    static final int LARGE_ARRAY = 0x03;
    static final int LITERAL = 0x04;
    static final int INT16 = 0x05;
    static final int UINT16 = 0x06;
    static final int INT32 = 0x07;
    static final int UINT32 = 0x08;
    static final int INT64 = 0x09;
    static final int UINT64 = 0x0a;
    static final int DOUBLE = 0x0b;
    static final int STRING = 0x0c;
    static final int OPAQUE = 0x0f;

    private JsonDocument() {
    }

    /** A node of the tree. */
    sealed interface Node permits Scalar, ObjectNode, ArrayNode {
    }

    /** A scalar in its binary encoding (without the type byte). */
    record Scalar(int type, byte[] bytes) implements Node {
    }

    /** Members in MySQL's key order; keys are UTF-8. */
    static final class ObjectNode implements Node {
        final TreeMap<byte[], Node> members = new TreeMap<>(JsonDocument::compareKeys);
    }

    static final class ArrayNode implements Node {
        final List<Node> elements = new ArrayList<>();
    }

    /** MySQL's key order: by length, then byte by byte (unsigned). */
    static int compareKeys(byte[] a, byte[] b) {
        if (a.length != b.length) {
            return Integer.compare(a.length, b.length);
        }
        return Arrays.compareUnsigned(a, b);
    }

    /**
     * @throws IOException when the bytes are not a binary JSON value
     */
    static Node parse(byte[] binary) throws IOException {
        if (binary == null || binary.length == 0) {
            throw new IOException("an empty binary JSON value");
        }
        try {
            return new Reader(binary).value(binary[0] & 0xFF, 1);
        } catch (IndexOutOfBoundsException e) {
            throw new IOException("a binary JSON value shorter than its own header says (" + binary.length + " bytes)");
        }
    }

    /** The value in MySQL's binary form: a type byte, then the value. */
    static byte[] write(Node node) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(typeOf(node));
        writeValue(node, out);
        return out.toByteArray();
    }

    private static int typeOf(Node node) {
        if (node instanceof Scalar scalar) {
            return scalar.type();
        }
        return node instanceof ObjectNode ? LARGE_OBJECT : LARGE_ARRAY;
    }

    private static void writeValue(Node node, ByteArrayOutputStream out) {
        if (node instanceof Scalar scalar) {
            out.writeBytes(scalar.bytes());
        } else if (node instanceof ObjectNode object) {
            writeContainer(new ArrayList<>(object.members.keySet()), new ArrayList<>(object.members.values()), out);
        } else {
            writeContainer(null, ((ArrayNode) node).elements, out);
        }
    }

    /** Large form: count, size, key entries (objects), value entries, keys, values. */
    private static void writeContainer(List<byte[]> keys, List<Node> values, ByteArrayOutputStream out) {
        int count = values.size();
        int header = 8 + (keys == null ? 0 : count * 6) + count * 5;
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        int[] keyOffsets = new int[count];
        if (keys != null) {
            for (int i = 0; i < count; i++) {
                keyOffsets[i] = header + data.size();
                data.writeBytes(keys.get(i));
            }
        }
        byte[][] entries = new byte[count][];
        for (int i = 0; i < count; i++) {
            Node value = values.get(i);
            byte[] entry = new byte[5];
            entry[0] = (byte) typeOf(value);
            if (value instanceof Scalar scalar && isInlined(scalar.type())) {
                System.arraycopy(scalar.bytes(), 0, entry, 1, scalar.bytes().length);
            } else {
                putInt32(entry, 1, header + data.size());
                writeValue(value, data);
            }
            entries[i] = entry;
        }
        byte[] head = new byte[8];
        putInt32(head, 0, count);
        putInt32(head, 4, header + data.size());
        out.writeBytes(head);
        if (keys != null) {
            for (int i = 0; i < count; i++) {
                byte[] keyEntry = new byte[6];
                putInt32(keyEntry, 0, keyOffsets[i]);
                keyEntry[4] = (byte) keys.get(i).length;
                keyEntry[5] = (byte) (keys.get(i).length >>> 8);
                out.writeBytes(keyEntry);
            }
        }
        for (byte[] entry : entries) {
            out.writeBytes(entry);
        }
        out.writeBytes(data.toByteArray());
    }

    /** In the large form these live in the value entry itself. */
    private static boolean isInlined(int type) {
        return type == LITERAL || type == INT16 || type == UINT16 || type == INT32 || type == UINT32;
    }

    private static void putInt32(byte[] to, int at, int value) {
        to[at] = (byte) value;
        to[at + 1] = (byte) (value >>> 8);
        to[at + 2] = (byte) (value >>> 16);
        to[at + 3] = (byte) (value >>> 24);
    }

    /** Reads nodes out of one binary value. */
    private static final class Reader {
        /** MySQL refuses documents nested deeper (JSON_DOCUMENT_MAX_DEPTH). */
        private static final int MAX_DEPTH = 100;
        private final byte[] bin;
        private int depth;

        Reader(byte[] bin) {
            this.bin = bin;
        }

        Node value(int type, int at) throws IOException {
            return switch (type) {
                case SMALL_OBJECT -> container(at, false, true);
                case LARGE_OBJECT -> container(at, true, true);
                case SMALL_ARRAY -> container(at, false, false);
                case LARGE_ARRAY -> container(at, true, false);
                case LITERAL -> scalar(type, at, 1);
                case INT16, UINT16 -> scalar(type, at, 2);
                case INT32, UINT32 -> scalar(type, at, 4);
                case INT64, UINT64, DOUBLE -> scalar(type, at, 8);
                case STRING -> scalar(type, at, varintEnd(at) - at + length(at));
                case OPAQUE -> scalar(type, at, varintEnd(at + 1) - at + length(at + 1));
                default -> throw new IOException("unknown binary JSON value type 0x" + Integer.toHexString(type));
            };
        }

        private Scalar scalar(int type, int at, int size) {
            if (at + size > bin.length) {
                throw new IndexOutOfBoundsException();
            }
            return new Scalar(type, Arrays.copyOfRange(bin, at, at + size));
        }

        private Node container(int start, boolean large, boolean object) throws IOException {
            if (++depth > MAX_DEPTH) {
                // a damaged value whose offsets point back into itself would otherwise recurse without end
                throw new IOException("a binary JSON value nested deeper than MySQL allows (" + MAX_DEPTH + ")");
            }
            int width = large ? 4 : 2;
            int count = large ? int32(start) : uint16(start);
            int keyEntries = start + 2 * width;
            int valueEntries = keyEntries + (object ? count * (width + 2) : 0);
            ObjectNode objectNode = object ? new ObjectNode() : null;
            ArrayNode arrayNode = object ? null : new ArrayNode();
            for (int i = 0; i < count; i++) {
                int entry = valueEntries + i * (1 + width);
                int type = bin[entry] & 0xFF;
                Node value;
                if (type == LITERAL || type == INT16 || type == UINT16) {
                    value = scalar(type, entry + 1, type == LITERAL ? 1 : 2);
                } else if (large && (type == INT32 || type == UINT32)) {
                    value = scalar(type, entry + 1, 4);
                } else {
                    value = value(type, start + (large ? int32(entry + 1) : uint16(entry + 1)));
                }
                if (object) {
                    int keyEntry = keyEntries + i * (width + 2);
                    int keyOffset = large ? int32(keyEntry) : uint16(keyEntry);
                    int keyLength = uint16(keyEntry + width);
                    if (start + keyOffset + keyLength > bin.length) {
                        throw new IndexOutOfBoundsException(); // copyOfRange would pad the key with zeros
                    }
                    objectNode.members.put(Arrays.copyOfRange(bin, start + keyOffset, start + keyOffset + keyLength),
                            value);
                } else {
                    arrayNode.elements.add(value);
                }
            }
            depth--;
            return object ? objectNode : arrayNode;
        }

        /** A variable-length length: 7 bits a byte, low first. */
        private int length(int at) throws IOException {
            long length = 0;
            for (int i = 0; i < 5; i++) {
                int b = bin[at + i] & 0xFF;
                length |= (long) (b & 0x7F) << (7 * i);
                if ((b & 0x80) == 0) {
                    return Math.toIntExact(length);
                }
            }
            throw new IOException("a binary JSON length longer than 5 bytes");
        }

        private int varintEnd(int at) {
            int i = at;
            while ((bin[i] & 0x80) != 0) {
                i++;
            }
            return i + 1;
        }

        private int uint16(int at) {
            return (bin[at] & 0xFF) | (bin[at + 1] & 0xFF) << 8;
        }

        private int int32(int at) {
            return (bin[at] & 0xFF) | (bin[at + 1] & 0xFF) << 8 | (bin[at + 2] & 0xFF) << 16
                    | (bin[at + 3] & 0xFF) << 24;
        }
    }
}
