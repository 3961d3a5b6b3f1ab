package dev.sluice.schema;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ColumnTypesTest {

    @Test
    void enumAndSetMembersKeepCaseQuotesAndCommas() {
        assertEquals(List.of("Small", "it's", "a,b", ""), ColumnTypes.allowedValues("enum('Small','it''s','a,b','')"));
        assertEquals(List.of("x", "y"), ColumnTypes.allowedValues("SET('x','y')"));
        assertEquals(List.of(), ColumnTypes.allowedValues("varchar(10)"));
    }
}
