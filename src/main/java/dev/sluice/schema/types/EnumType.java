package dev.sluice.schema.types;

import dev.sluice.config.ConversionOptions;
import dev.sluice.schema.ColumnDef;

import java.sql.Types;
import java.util.List;

/** ENUM: the binlog carries the member's 1-based index (0 for the empty error value). */
final class EnumType implements ColumnType {

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
            return value == null ? null : (Object) (allowed.indexOf(value) + 1);
        };
    }

    @Override
    public ConnectSchema connectSchema(ColumnDef column, ConversionOptions options) {
        return ConnectSchema.named("string", "io.debezium.data.Enum").parameter("allowed", allowedParameter(column));
    }

    /**
     * The members joined by commas, a comma or backslash inside a member escaped with a backslash
     * (as Debezium's EnumeratedValues), so that the list splits back into its members.
     */
    static String allowedParameter(ColumnDef column) {
        StringBuilder joined = new StringBuilder();
        for (String member : column.allowedValues()) {
            if (joined.length() > 0) {
                joined.append(',');
            }
            joined.append(member.replace("\\", "\\\\").replace(",", "\\,"));
        }
        return joined.toString();
    }

    @Override
    public ValueWriter jsonWriter(ColumnDef column, ConversionOptions options) {
        String[] values = column.allowedValues().toArray(String[]::new);
        return (g, v) -> {
            int index = ((Number) v).intValue();
            g.writeString(index >= 1 && index <= values.length ? values[index - 1] : "");
        };
    }

    @Override
    public Object parseDefault(ColumnDef column, String literal) {
        int index = column.allowedValues().indexOf(literal);
        if (index < 0) {
            throw new IllegalArgumentException("not a member");
        }
        return index + 1;
    }

    @Override
    public int jdbcType(ColumnDef column) {
        return Types.CHAR;
    }

    @Override
    public long changeEventLength(ColumnDef column) {
        return 1;
    }
}
