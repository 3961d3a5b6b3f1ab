package dev.sluice.config;

import java.util.Locale;

/** TLS on MySQL connections, with MySQL's own mode names. */
public enum SslMode {
    DISABLED, PREFERRED, REQUIRED, VERIFY_CA, VERIFY_IDENTITY;

    public static SslMode parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "expected disabled, preferred, required, verify_ca or verify_identity, got '" + value + "'");
        }
    }
}
