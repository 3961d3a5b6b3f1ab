package dev.sluice.source;

import com.github.shyiko.mysql.binlog.network.SSLSocketFactory;
import dev.sluice.config.Settings.MysqlSettings;
import dev.sluice.config.SslMode;
import dev.sluice.config.TlsMaterial;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Properties;

/**
 * TLS for both kinds of MySQL connection, from one configuration: the binlog connection gets an
 * SSL context (the CA's trust, the client key), JDBC gets the same material as PKCS#12 stores
 * written once to private temporary files (Connector/J reads stores, not PEM).
 * {@code required} and {@code preferred} encrypt without verifying, as MySQL's clients do.
 */
public final class MysqlTls {

    private static MysqlTls shared;

    private final MysqlSettings mysql;
    private SSLContext context;
    private Properties jdbc;

    private MysqlTls(MysqlSettings mysql) {
        this.mysql = mysql;
    }

    /** One per settings, so the JDBC stores are written once per process. */
    public static synchronized MysqlTls of(MysqlSettings mysql) {
        if (shared == null || shared.mysql != mysql) {
            shared = new MysqlTls(mysql);
        }
        return shared;
    }

    private boolean verifies() {
        return mysql.sslMode() == SslMode.VERIFY_CA || mysql.sslMode() == SslMode.VERIFY_IDENTITY;
    }

    /** The binlog client's socket factory (its own check covers the host name in verify_identity). */
    public SSLSocketFactory binlogSocketFactory() {
        return socket -> {
            try {
                return (SSLSocket) context().getSocketFactory()
                        .createSocket(socket, mysql.host(), socket.getPort(), true);
            } catch (IOException | GeneralSecurityException e) {
                throw new SocketException("TLS set-up failed: " + e.getMessage());
            }
        };
    }

    private synchronized SSLContext context() throws GeneralSecurityException, IOException {
        if (context == null) {
            TlsMaterial tls = mysql.tls();
            TrustManager[] trust;
            if (!verifies()) {
                trust = new TrustManager[] {new TrustEverything()};
            } else if (tls.ca().isEmpty()) {
                trust = null; // the JVM's trust store
            } else {
                TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init(trustStore(tls));
                trust = factory.getTrustManagers();
            }
            KeyManager[] keys = null;
            if (tls.hasClientCertificate()) {
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(keyStore(tls, new char[0]), new char[0]);
                keys = factory.getKeyManagers();
            }
            SSLContext created = SSLContext.getInstance("TLS");
            created.init(keys, trust, new SecureRandom());
            context = created;
        }
        return context;
    }

    /** Connector/J's TLS properties for the configured mode and material. */
    public synchronized Properties jdbcProperties() {
        if (jdbc == null) {
            Properties p = new Properties();
            p.setProperty("sslMode", mysql.sslMode().name());
            TlsMaterial tls = mysql.tls();
            try {
                if (verifies() && !tls.ca().isEmpty()) {
                    String password = randomPassword();
                    Path store = writeStore(trustStore(tls), password, "sluice-trust-");
                    p.setProperty("trustCertificateKeyStoreUrl", store.toUri().toString());
                    p.setProperty("trustCertificateKeyStoreType", "PKCS12");
                    p.setProperty("trustCertificateKeyStorePassword", password);
                    p.setProperty("fallbackToSystemTrustStore", "false");
                }
                if (tls.hasClientCertificate()) {
                    String password = randomPassword();
                    Path store = writeStore(keyStore(tls, password.toCharArray()), password, "sluice-key-");
                    p.setProperty("clientCertificateKeyStoreUrl", store.toUri().toString());
                    p.setProperty("clientCertificateKeyStoreType", "PKCS12");
                    p.setProperty("clientCertificateKeyStorePassword", password);
                    p.setProperty("fallbackToSystemKeyStore", "false");
                }
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("cannot prepare the TLS key stores for JDBC: " + e.getMessage(), e);
            }
            jdbc = p;
        }
        return jdbc;
    }

    private static KeyStore trustStore(TlsMaterial tls) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int n = 0;
        for (X509Certificate ca : tls.ca()) {
            store.setCertificateEntry("ca-" + n++, ca);
        }
        return store;
    }

    private static KeyStore keyStore(TlsMaterial tls, char[] password) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("client", tls.clientKey(), password, tls.clientChain().toArray(Certificate[]::new));
        return store;
    }

    private static Path writeStore(KeyStore store, String password, String prefix)
            throws IOException, GeneralSecurityException {
        Path file;
        try {
            file = Files.createTempFile(prefix, ".p12",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            file = Files.createTempFile(prefix, ".p12");
        }
        file.toFile().deleteOnExit();
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        return file;
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * An operator's explanation of a failed TLS set-up, or null when the failure is not about TLS.
     */
    static String explain(Throwable failure, MysqlSettings mysql) {
        String where = "MySQL at " + mysql.address();
        // The certificate problem is usually a cause of a generic handshake failure: look for it first.
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (t instanceof com.github.shyiko.mysql.binlog.network.IdentityVerificationException
                    || message.contains("No subject alternative") || message.contains("doesn't match")
                    || message.contains("does not match") || message.contains("not verified")
                    || message.contains("No name matching")) {
                return where + ": its certificate does not name the host '" + mysql.host() + "' (SLUICE_MYSQL_SSL_MODE="
                        + "verify_identity); connect by a name or address the certificate lists, or use verify_ca ("
                        + message + ")";
            }
            if (t instanceof java.security.cert.CertPathValidatorException || message.contains("PKIX")
                    || message.contains("unable to find valid certification path")
                    || message.contains("does not chain with any of the trust anchors")) {
                return where + ": its certificate is not signed by "
                        + (mysql.tls().ca().isEmpty() ? "a CA in the JVM's trust store" : "the CA in SLUICE_MYSQL_SSL_CA")
                        + "; set SLUICE_MYSQL_SSL_CA to the CA that signed it (the server's ca.pem)";
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof javax.net.ssl.SSLException) {
                return where + ": the TLS handshake failed (" + t.getMessage() + "); check SLUICE_MYSQL_SSL_MODE, the"
                        + " certificates, and the server's TLS settings";
            }
        }
        return null;
    }

    /** {@code required}: encrypted, the server not verified (MySQL's own meaning of the mode). */
    private static final class TrustEverything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
