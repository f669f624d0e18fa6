package io.logagent.stack.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate authority for tests and the local stack, made with the JDK's own {@code keytool} (no
 * library, no openssl needed). It issues certificates for servers and clients in both forms the servers want:
 * PKCS12 key stores for the Java servers (Kafka, OpenSearch, our console) and PEM files for etcd (Go) and for the
 * {@code *_file} settings of our own ini files.
 *
 * <p>Every store and key uses the one {@link #password()}: these are test secrets, kept beside the files. Issuing
 * costs a few keytool runs (about a second with RSA 2048), so tests share one authority per test class.
 */
public final class CertificateAuthority {
    private static final String CA_ALIAS = "ca";
    private static final String PASSWORD = "changeit";

    private final Path dir;
    private final String name;

    private CertificateAuthority(Path dir, String name) {
        this.dir = dir.toAbsolutePath();
        this.name = name;
    }

    /** Creates a new CA (self-signed, basic constraints CA:true) under {@code dir}, e.g. {@code name = "test-ca"}. */
    public static CertificateAuthority create(Path dir, String name) {
        CertificateAuthority ca = new CertificateAuthority(dir, name);
        try {
            Files.createDirectories(ca.dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ca.keytool("-genkeypair", "-alias", CA_ALIAS, "-keyalg", "RSA", "-keysize", "2048", "-validity", "3650",
                "-dname", "CN=" + name, "-ext", "bc:c", "-keystore", ca.caStore().toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD);
        ca.keytool("-exportcert", "-rfc", "-alias", CA_ALIAS, "-keystore", ca.caStore().toString(),
                "-storepass", PASSWORD, "-file", ca.certPem().toString());
        ca.keytool("-importcert", "-noprompt", "-alias", CA_ALIAS, "-file", ca.certPem().toString(),
                "-keystore", ca.truststore().toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        return ca;
    }

    /** The CA certificate (PEM): what {@code ca_file} settings and etcd's {@code --trusted-ca-file} take. */
    public Path certPem() {
        return dir.resolve(name + ".pem");
    }

    /** A PKCS12 trust store holding only this CA, for Java servers and clients ({@code ssl.truststore.location}). */
    public Path truststore() {
        return dir.resolve(name + "-truststore.p12");
    }

    /** The password of every store and key this authority writes. */
    public String password() {
        return PASSWORD;
    }

    /**
     * Issues a certificate valid now for two years, usable as server and client certificate (EKU serverAuth and
     * clientAuth), e.g. {@code issue("kafka-1", "ip:127.0.0.1", "dns:localhost")}.
     *
     * @param sans subject alternative names in keytool's syntax: {@code ip:…}, {@code dns:…}; none for a client
     */
    public Identity issue(String commonName, String... sans) {
        return issue(commonName, Validity.CURRENT, sans);
    }

    /** Like {@link #issue(String, String...)}, with a certificate that has already expired (for error tests). */
    public Identity issueExpired(String commonName, String... sans) {
        return issue(commonName, Validity.EXPIRED, sans);
    }

    private enum Validity {
        CURRENT("-1d", "730"), EXPIRED("-30d", "2");

        final String start;
        final String days;

        Validity(String start, String days) {
            this.start = start;
            this.days = days;
        }
    }

    private Identity issue(String commonName, Validity validity, String... sans) {
        String alias = commonName.replaceAll("[^A-Za-z0-9_.-]", "_");
        Path store = dir.resolve(alias + ".p12");
        Path csr = dir.resolve(alias + ".csr");
        Path cert = dir.resolve(alias + ".crt");
        try {
            Files.deleteIfExists(store);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        keytool("-genkeypair", "-alias", alias, "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=" + commonName,
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-certreq", "-alias", alias, "-keystore", store.toString(), "-storepass", PASSWORD,
                "-file", csr.toString());
        List<String> gencert = new ArrayList<>(List.of("-gencert", "-rfc", "-alias", CA_ALIAS,
                "-keystore", caStore().toString(), "-storepass", PASSWORD, "-infile", csr.toString(),
                "-outfile", cert.toString(), "-startdate", validity.start, "-validity", validity.days,
                "-ext", "KU=digitalSignature,keyEncipherment", "-ext", "EKU=serverAuth,clientAuth"));
        if (sans.length > 0) {
            gencert.addAll(List.of("-ext", "SAN=" + String.join(",", sans)));
        }
        keytool(gencert.toArray(String[]::new));
        // The reply must chain to a certificate the store trusts, so the CA goes in first.
        keytool("-importcert", "-noprompt", "-alias", CA_ALIAS, "-file", certPem().toString(),
                "-keystore", store.toString(), "-storepass", PASSWORD);
        keytool("-importcert", "-noprompt", "-alias", alias, "-file", cert.toString(),
                "-keystore", store.toString(), "-storepass", PASSWORD);
        try {
            Path keyPem = dir.resolve(alias + "-key.pem");
            Files.writeString(keyPem, pem("PRIVATE KEY", privateKey(store, alias).getEncoded()));
            Path certPem = dir.resolve(alias + ".pem");
            Files.writeString(certPem, Files.readString(cert) + Files.readString(certPem()));
            Path combined = dir.resolve(alias + "-key-and-cert.pem");
            Files.writeString(combined, Files.readString(keyPem) + Files.readString(certPem));
            Files.delete(csr);
            return new Identity(commonName, store, PASSWORD, alias, certPem, keyPem, combined);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path caStore() {
        return dir.resolve(name + "-ca.p12");
    }

    private static PrivateKey privateKey(Path store, String alias) throws IOException {
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, PASSWORD.toCharArray());
            return (PrivateKey) keyStore.getKey(alias, PASSWORD.toCharArray());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the key just written to " + store, e);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private void keytool(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("keytool " + args[0] + " did not finish in 60 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + args[0] + " failed (" + process.exitValue() + "): " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run keytool", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running keytool", e);
        }
    }

    /**
     * One issued certificate and its key.
     *
     * @param keystore      PKCS12 with the key, the certificate and the CA ({@code ssl.keystore.location})
     * @param alias         the key's alias in {@code keystore}
     * @param certChainPem  the certificate followed by the CA's (etcd's {@code --cert-file}, our {@code cert_file})
     * @param keyPem        the private key, unencrypted PKCS#8 PEM ({@code --key-file}, our {@code key_file})
     * @param keyAndCertPem key then chain in one PEM file (Kafka's {@code ssl.keystore.type=PEM} location)
     */
    public record Identity(String commonName, Path keystore, String password, String alias, Path certChainPem,
                           Path keyPem, Path keyAndCertPem) {
        @Override
        public String toString() {
            return "Identity[" + commonName + ", " + keystore + "]";
        }
    }
}
