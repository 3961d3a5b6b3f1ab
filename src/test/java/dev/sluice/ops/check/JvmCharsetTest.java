package dev.sluice.ops.check;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JvmCharsetTest {

    @Test
    void anythingButUtf8IsAWarningWithTheFlagThatFixesIt() {
        assertEquals(CheckResult.Status.OK, JvmCharset.check(StandardCharsets.UTF_8).status());
        CheckResult ascii = JvmCharset.check(StandardCharsets.US_ASCII);
        assertEquals(CheckResult.Status.WARN, ascii.status());
        assertTrue(ascii.fix().contains("-Dfile.encoding=UTF-8"), ascii.fix());
    }
}
