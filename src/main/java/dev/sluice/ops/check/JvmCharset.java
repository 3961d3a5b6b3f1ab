package dev.sluice.ops.check;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The JVM's default charset: the binlog client decodes the table and column names of table maps
 * with it, so with anything but UTF-8 a name that is not ASCII no longer matches its table.
 */
final class JvmCharset {

    private JvmCharset() {
    }

    static CheckResult check(Charset charset) {
        if (StandardCharsets.UTF_8.equals(charset)) {
            return CheckResult.ok("jvm charset", "the JVM's default charset is UTF-8");
        }
        return CheckResult.warn("jvm charset", "the JVM's default charset is " + charset + ": the binlog client"
                + " decodes table and column names with it, so a captured table or column whose name is not ASCII"
                + " stops the stream", "start Java with -Dfile.encoding=UTF-8 (the container image does), or set LANG"
                + " to a UTF-8 locale");
    }
}
