package dev.sluice.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TableFilterTest {

    @Test
    void exactNamesWildcardsAndRegexes() {
        TableFilter filter = TableFilter.parse("shop.orders, crm.*\n/hr\\.emp_\\d+/", "");
        assertTrue(filter.isCaptured("shop", "orders"));
        assertFalse(filter.isCaptured("shop", "orders2"));
        assertFalse(filter.isCaptured("shop", "customers"));
        assertTrue(filter.isCaptured("crm", "anything"));
        assertTrue(filter.isCaptured("hr", "emp_42"));
        assertFalse(filter.isCaptured("hr", "emp_x"));
    }

    @Test
    void matchingIgnoresCaseLikeDebeziumIncludeLists() {
        assertTrue(TableFilter.parse("Shop.Orders", "").isCaptured("shop", "orders"));
    }

    @Test
    void excludeListWins() {
        TableFilter filter = TableFilter.parse("crm.*", "crm.audit_*, crm.tmp");
        assertTrue(filter.isCaptured("crm", "accounts"));
        assertFalse(filter.isCaptured("crm", "audit_2024"));
        assertFalse(filter.isCaptured("crm", "tmp"));
    }

    @Test
    void dotsInAPatternAreLiteral() {
        assertFalse(TableFilter.parse("a.b", "").isCaptured("aXb", ""));
        assertFalse(TableFilter.parse("shop.orders", "").isCaptured("shopXorders", ""));
    }

    @Test
    void systemSchemasAreNeverCaptured() {
        TableFilter filter = TableFilter.parse("/.*/", "");
        assertFalse(filter.isCaptured("mysql", "user"));
        assertFalse(filter.isCaptured("information_schema", "tables"));
        assertFalse(filter.isCaptured("performance_schema", "threads"));
        assertFalse(filter.isCaptured("sys", "version"));
        assertTrue(filter.isCaptured("app", "t"));
    }

    @Test
    void duplicatesAndBlanksAreMerged() {
        TableFilter filter = TableFilter.parse(" a.b , a.b,,\n\n c.* ", "");
        assertEquals(java.util.List.of("a.b", "c.*"), filter.includePatterns());
    }

    @Test
    void malformedEntriesAreNamed() {
        assertEquals("'orders' is not db.table, db.* or /regex/",
                assertThrows(IllegalArgumentException.class, () -> TableFilter.parse("orders", "")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TableFilter.parse("/a(b/", ""))
                .getMessage().startsWith("'/a(b/' is not a valid regular expression"));
    }

    @Test
    void databaseHint() {
        TableFilter filter = TableFilter.parse("shop.*, /x.*/", "");
        assertTrue(filter.mayCaptureDatabase("shop"));
        assertTrue(filter.mayCaptureDatabase("other"), "a regex can match any database");
        assertFalse(TableFilter.parse("shop.*", "").mayCaptureDatabase("other"));
    }
}
