package dev.sluice.ops.check;

import dev.sluice.config.TableFilter;

import java.util.Locale;

/** Which tables can be captured: base tables whose changes the binlog carries as rows. */
public final class CaptureRules {

    private CaptureRules() {
    }

    /** Why a table cannot be captured, or null when it can. */
    public static String refusal(String schema, String tableType, String engine) {
        if (TableFilter.isSystemSchema(schema)) {
            return "is a system table";
        }
        if (tableType != null && tableType.toUpperCase(Locale.ROOT).contains("VIEW")) {
            return "is a view: the binlog carries no rows for views";
        }
        if (tableType != null && tableType.toUpperCase(Locale.ROOT).contains("TEMPORARY")) {
            return "is a temporary table: it is not replicated row by row";
        }
        String e = engine == null ? "" : engine.toUpperCase(Locale.ROOT);
        if (e.equals("MEMORY")) {
            return "uses the MEMORY engine: its rows vanish on restart without a binlog record";
        }
        if (e.equals("BLACKHOLE")) {
            return "uses the BLACKHOLE engine: it stores no rows";
        }
        return null;
    }
}
