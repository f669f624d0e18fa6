package io.logagent.stack.tls;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CertificateAuthorityTest {

    @Test
    void issuesCertificatesThatChainToTheCaWithTheirSansInBothForms(@TempDir Path dir) throws Exception {
        CertificateAuthority ca = CertificateAuthority.create(dir, "test-ca");
        CertificateAuthority.Identity server = ca.issue("kafka-1", "ip:127.0.0.1", "dns:localhost");

        X509Certificate caCert = readPem(ca.certPem()).get(0);
        List<X509Certificate> chain = readPem(server.certChainPem());
        assertThat(chain).hasSize(2);
        chain.get(0).verify(caCert.getPublicKey());
        chain.get(0).checkValidity();
        assertThat(caCert.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(chain.get(0).getSubjectAlternativeNames())
                .extracting(san -> san.get(1).toString()).containsExactlyInAnyOrder("127.0.0.1", "localhost");
        assertThat(chain.get(0).getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(server.keystore())) {
            store.load(in, server.password().toCharArray());
        }
        PrivateKey key = (PrivateKey) store.getKey(server.alias(), server.password().toCharArray());
        assertThat(Files.readString(server.keyPem())).startsWith("-----BEGIN PRIVATE KEY-----")
                .contains(java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded()).substring(0, 64));
        assertThat(Files.readString(server.keyAndCertPem())).contains("PRIVATE KEY").contains("CERTIFICATE");

        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ca.truststore())) {
            trust.load(in, ca.password().toCharArray());
        }
        assertThat(((X509Certificate) trust.getCertificate("ca"))).isEqualTo(caCert);
    }

    @Test
    void anExpiredCertificateIsRefusedByItsValidityCheck(@TempDir Path dir) throws Exception {
        CertificateAuthority ca = CertificateAuthority.create(dir, "test-ca");
        X509Certificate expired = readPem(ca.issueExpired("old", "ip:127.0.0.1").certChainPem()).get(0);
        assertThatThrownBy(expired::checkValidity).isInstanceOf(CertificateExpiredException.class);
    }

    @SuppressWarnings("unchecked")
    private static List<X509Certificate> readPem(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return (List<X509Certificate>) CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
    }
}
