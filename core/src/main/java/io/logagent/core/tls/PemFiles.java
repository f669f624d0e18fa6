package io.logagent.core.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
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
 * PEM files as the JDK wants them: certificates into a trust store, a certificate chain and its private key into a
 * key store. The key must be unencrypted PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}, what
 * {@code openssl pkcs8 -topk8 -nocrypt} writes); the JDK cannot read PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) or
 * encrypted keys, and the error says so. Every error names the file and the setting it came from.
 */
public final class PemFiles {
    private static final Pattern PKCS8 = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    private static final char[] NO_PASSWORD = new char[0];

    private PemFiles() {
    }

    /** Every certificate in {@code file}; at least one, else an error naming {@code setting}. */
    public static List<X509Certificate> certificates(Path file, String setting) {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certificates.add((X509Certificate) c);
            }
            if (certificates.isEmpty()) {
                throw new TlsFileException(setting + " " + file + " holds no PEM certificate");
            }
            return certificates;
        } catch (IOException e) {
            throw new TlsFileException("cannot read " + setting + " " + file + ": " + e, e);
        } catch (GeneralSecurityException e) {
            throw new TlsFileException(setting + " " + file + " is not a PEM certificate file: " + e.getMessage(), e);
        }
    }

    /** The unencrypted PKCS#8 private key (RSA or EC) in {@code file}. */
    public static PrivateKey privateKey(Path file, String setting) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new TlsFileException("cannot read " + setting + " " + file + ": " + e, e);
        }
        Matcher m = PKCS8.matcher(text);
        if (!m.find()) {
            throw new TlsFileException(setting + " " + file + " holds no unencrypted PKCS#8 key (BEGIN PRIVATE KEY); "
                    + "convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pkcs8.pem");
        }
        byte[] der = Base64.getMimeDecoder().decode(m.group(1));
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // not this algorithm: try the next
            }
        }
        throw new TlsFileException(setting + " " + file + ": the key is neither RSA, EC nor Ed25519");
    }

    /** A trust store holding the certificates of {@code caFile}. */
    public static KeyStore trustStore(Path caFile, String setting) {
        try {
            KeyStore store = emptyStore();
            int i = 0;
            for (X509Certificate c : certificates(caFile, setting)) {
                store.setCertificateEntry("ca-" + i++, c);
            }
            return store;
        } catch (GeneralSecurityException e) {
            throw new TlsFileException("cannot build a trust store from " + setting + " " + caFile + ": " + e, e);
        }
    }

    /** A key store (alias {@code key}, empty password) of the chain in {@code certFile} and the key in {@code keyFile}. */
    public static KeyStore keyStore(Path certFile, String certSetting, Path keyFile, String keySetting) {
        List<X509Certificate> chain = certificates(certFile, certSetting);
        PrivateKey key = privateKey(keyFile, keySetting);
        try {
            KeyStore store = emptyStore();
            store.setKeyEntry("key", key, NO_PASSWORD, chain.toArray(Certificate[]::new));
            return store;
        } catch (GeneralSecurityException e) {
            throw new TlsFileException(keySetting + " " + keyFile + " does not match the certificate of " + certSetting
                    + " " + certFile + ": " + e.getMessage(), e);
        }
    }

    /** The password of the stores {@link #keyStore} builds. */
    public static char[] keyStorePassword() {
        return NO_PASSWORD.clone();
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new IllegalStateException("an empty PKCS12 store cannot fail to load", e);
        }
        return store;
    }
}
