package dev.sluice.schema.types;

import dev.sluice.config.ConversionOptions;
import dev.sluice.schema.ColumnDef;

import java.sql.Types;
import java.util.List;

/** SET: the binlog carries a bit mask of the members (bit 0 for the first). */
final class SetType implements ColumnType {

    @Override
    public int[] binlogCodes() {
        return StringType.Storage.FIXED.binlogCodes();
    }

    @Override
    public boolean hasCharset() {
        return true;
    }

    @Override
    public SnapshotRead snapshotRead(ColumnDef column) {
        List<String> allowed = column.allowedValues();
        return (rs, i) -> {
            String value = rs.getString(i);
            return value == null ? null : (Object) bits(allowed, value, false);
        };
    }

    @Override
    public ConnectSchema connectSchema(ColumnDef column, ConversionOptions options) {
        return ConnectSchema.named("string", "io.debezium.data.EnumSet")
                .parameter("allowed", EnumType.allowedParameter(column));
    }

    @Override
    public ValueWriter jsonWriter(ColumnDef column, ConversionOptions options) {
        String[] values = column.allowedValues().toArray(String[]::new);
        return (g, v) -> {
            long bits = ((Number) v).longValue();
            StringBuilder joined = new StringBuilder();
            for (int i = 0; i < values.length; i++) {
                if ((bits & (1L << i)) != 0) {
                    if (joined.length() > 0) {
                        joined.append(',');
                    }
                    joined.append(values[i]);
                }
            }
            g.writeString(joined.toString());
        };
    }

    @Override
    public Object parseDefault(ColumnDef column, String literal) {
        return bits(column.allowedValues(), literal, true);
    }

    /** The mask of comma-separated members; an unknown member is skipped, or refused when strict. */
    private static long bits(List<String> allowed, String members, boolean strict) {
        long bits = 0;
        if (!members.isEmpty()) {
            for (String member : members.split(",")) {
                int index = allowed.indexOf(member);
                if (index >= 0) {
                    bits |= 1L << index;
                } else if (strict) {
                    throw new IllegalArgumentException("not a member");
                }
            }
        }
        return bits;
    }

    @Override
    public int jdbcType(ColumnDef column) {
        return Types.CHAR;
    }

    /** Debezium's length of a SET: its longest value, every member and the commas. */
    @Override
    public long changeEventLength(ColumnDef column) {
        return column.allowedValues().isEmpty() ? -1 : String.join(",", column.allowedValues()).length();
    }
}
