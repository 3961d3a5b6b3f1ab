package dev.sluice.source;

import com.jcraft.jsch.JSch;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The classes registered for the native image are exactly those JSch may load by name. */
class SshNativeRegistrationTest {

    @Test
    void everyClassJschLoadsByNameIsRegistered() throws Exception {
        Set<String> registered = new TreeSet<>(Set.of(
                SshNativeRegistration.class.getAnnotation(RegisterForReflection.class).classNames()));
        assertFalse(registered.isEmpty());
        assertEquals(jschClasses(), registered);
    }

    /** JSch's configuration values that name one of its loadable classes (Bouncy Castle and Kerberos aside). */
    private static Set<String> jschClasses() throws ReflectiveOperationException {
        var field = JSch.class.getDeclaredField("config");
        field.setAccessible(true);
        Set<String> classes = new TreeSet<>();
        for (Object value : ((Map<?, ?>) field.get(null)).values()) {
            String name = String.valueOf(value);
            if (!name.startsWith("com.jcraft.jsch.") || name.contains(".bc.") || name.contains("jgss")
                    || name.contains("GSSAPI")) {
                continue;
            }
            Class.forName(name);
            classes.add(name);
        }
        return classes;
    }
}
