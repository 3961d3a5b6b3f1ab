package dev.sluice.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The certificates and key of MySQL connections, read from PEM files: the CA that verifies the
 * server, and a client certificate with its key. Its {@code toString} never shows the key.
 *
 * @param ca the trusted CA certificates, empty to use the JVM's trust store
 * @param clientChain the client certificate (and any intermediates), empty when none
 * @param clientKey the client certificate's private key, null when none
 */
public record TlsMaterial(List<X509Certificate> ca, List<X509Certificate> clientChain, PrivateKey clientKey) {

    private static final Pattern PEM_KEY = Pattern.compile(
            "-----BEGIN (RSA |EC )?PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END (RSA |EC )?PRIVATE KEY-----");

    public static final TlsMaterial NONE = new TlsMaterial(List.of(), List.of(), null);

    public TlsMaterial {
        ca = List.copyOf(ca);
        clientChain = List.copyOf(clientChain);
    }

    public boolean hasClientCertificate() {
        return clientKey != null;
    }

    /** Every certificate in a PEM file. */
    static List<X509Certificate> certificates(Path file) throws IOException {
        try {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(file)))) {
                certificates.add((X509Certificate) c);
            }
            if (certificates.isEmpty()) {
                throw new IOException("no certificate in it");
            }
            return certificates;
        } catch (GeneralSecurityException e) {
            throw new IOException("not a PEM certificate file (" + e.getMessage() + ")");
        }
    }

    /** A PEM private key: PKCS#8 ({@code BEGIN PRIVATE KEY}) or PKCS#1 RSA ({@code BEGIN RSA PRIVATE KEY}). */
    static PrivateKey privateKey(Path file) throws IOException {
        Matcher m = PEM_KEY.matcher(Files.readString(file, StandardCharsets.US_ASCII));
        if (!m.find()) {
            throw new IOException("no unencrypted PEM private key in it (convert with: openssl pkcs8 -topk8 -nocrypt)");
        }
        byte[] der = Base64.getMimeDecoder().decode(m.group(2));
        if ("EC ".equals(m.group(1))) {
            throw new IOException("an SEC1 EC key; convert it to PKCS#8 with: openssl pkcs8 -topk8 -nocrypt");
        }
        byte[] pkcs8 = "RSA ".equals(m.group(1)) ? rsaPkcs1ToPkcs8(der) : der;
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            } catch (GeneralSecurityException tryNext) {
                // another algorithm
            }
        }
        throw new IOException("a private key of an unsupported kind (RSA, EC and Ed25519 are)");
    }

    /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo (version 0, rsaEncryption, NULL). */
    private static byte[] rsaPkcs1ToPkcs8(byte[] pkcs1) {
        byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01,
            0x01, 0x05, 0x00};
        byte[] version = {0x02, 0x01, 0x00};
        byte[] octets = der(0x04, pkcs1);
        byte[] body = new byte[version.length + algorithm.length + octets.length];
        System.arraycopy(version, 0, body, 0, version.length);
        System.arraycopy(algorithm, 0, body, version.length, algorithm.length);
        System.arraycopy(octets, 0, body, version.length + algorithm.length, octets.length);
        return der(0x30, body);
    }

    private static byte[] der(int tag, byte[] content) {
        int n = content.length;
        byte[] length = n < 0x80 ? new byte[] {(byte) n}
                : n < 0x100 ? new byte[] {(byte) 0x81, (byte) n}
                : n < 0x10000 ? new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n}
                : new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
        byte[] out = new byte[1 + length.length + n];
        out[0] = (byte) tag;
        System.arraycopy(length, 0, out, 1, length.length);
        System.arraycopy(content, 0, out, 1 + length.length, n);
        return out;
    }

    @Override
    public String toString() {
        return "TlsMaterial[ca=" + ca.size() + " certificate(s), client certificate=" + hasClientCertificate() + "]";
    }
}
