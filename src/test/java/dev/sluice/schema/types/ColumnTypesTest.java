package dev.sluice.schema.types;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ColumnTypesTest {

    @Test
    void enumAndSetMembersKeepCaseQuotesAndCommas() {
        assertEquals(List.of("Small", "it's", "a,b", ""), ColumnTypes.allowedValues("enum('Small','it''s','a,b','')"));
        assertEquals(List.of("x", "y"), ColumnTypes.allowedValues("SET('x','y')"));
        assertEquals(List.of(), ColumnTypes.allowedValues("varchar(10)"));
    }

    @Test
    void binlogTypeCodesAreCheckedAgainstTheDefinition() {
        assertTrue(ColumnTypes.binlogTypeFits("int", 3));
        assertFalse(ColumnTypes.binlogTypeFits("int", 15), "a VARCHAR in the binlog is not an INT column");
        assertTrue(ColumnTypes.binlogTypeFits("enum", 254), "ENUM travels as STRING");
        assertTrue(ColumnTypes.binlogTypeFits("mediumtext", 252));
        assertTrue(ColumnTypes.binlogTypeFits("longtext", 252), "MariaDB's JSON is LONGTEXT, a BLOB in the binlog");
        assertFalse(ColumnTypes.binlogTypeFits("datetime", 17), "a TIMESTAMP is not a DATETIME");
    }
}
