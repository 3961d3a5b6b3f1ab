package dev.sluice.schema.ddl;

import dev.sluice.schema.types.ColumnTypes;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ColumnTypeNamesTest {

    /** A type the DDL parser accepts but no column type handles would be tracked and then refused. */
    @Test
    void everyTypeTheParserKnowsHasAColumnType() {
        for (String name : ColumnTypeNames.CANONICAL) {
            ColumnTypeNames.Type type = ColumnTypeNames.canonical(name, List.of());
            assertNotNull(type, name);
            assertTrue(ColumnTypes.isKnown(type.name()), name + " becomes " + type.name() + ", which has no column type");
            assertTrue(ColumnTypes.isKnown(ColumnTypeNames.binaryCounterpart(type.name())), name);
        }
    }
}
