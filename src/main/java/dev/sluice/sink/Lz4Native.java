package dev.sluice.sink;

import net.jpountz.lz4.LZ4Factory;
import org.jboss.logging.Logger;

/**
 * Loads lz4's JNI library before a producer picks its LZ4 compressor. lz4-java tries its native
 * code only when the library is already loaded or when it was itself loaded by the system class
 * loader; under Quarkus's class loader the producer would otherwise take the pure-Java "safe"
 * compressor, which cost half of the pipeline thread in the benchmark.
 */
final class Lz4Native {

    private static final Logger LOG = Logger.getLogger(Lz4Native.class);
    private static boolean tried;

    private Lz4Native() {
    }

    static synchronized void load() {
        if (tried) {
            return;
        }
        tried = true;
        try {
            LZ4Factory.nativeInstance();
        } catch (Throwable e) { // no library for this platform, or a native image: the Java compressor works
            LOG.infof("LZ4 compression runs as Java code here (%s)", e.toString());
        }
    }
}
