package dev.sluice.event;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Doubles inside JSON render as MySQL 9.7 printed them for CAST('[...]' AS JSON). */
class MysqlJsonTextTest {

    @Test
    void doublesAsMysqlPrintsThem() {
        double[] values = {1e7, 1e15, 1e16, 1e-5, 0.0001, 123456789012345678.0, 3.0, 1.5e300, -0.0, 2.5, 1e22, 0.1,
            12345678.9, 1.7976931348623157e308, 5e-324, 1e-15, 1e-16, 1.23e-14, 999999999999999.0, 1e14, 1.5e15, 100.0};
        String[] mysql = {"10000000.0", "1e15", "1e16", "0.00001", "0.0001", "1.2345678901234568e17", "3.0", "1.5e300",
            "-0.0", "2.5", "1e22", "0.1", "12345678.9", "1.7976931348623157e308", "5e-324", "0.000000000000001", "1e-16",
            "0.0000000000000123", "999999999999999.0", "100000000000000.0", "1.5e15", "100.0"};
        for (int i = 0; i < values.length; i++) {
            assertEquals(mysql[i], MysqlJsonText.doubleText(values[i]), "value " + values[i]);
        }
    }
}
