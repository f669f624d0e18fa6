package io.logagent.core.search;

import io.logagent.core.problem.ConnectionProblem;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLHandshakeException;

import static org.assertj.core.api.Assertions.assertThat;

/** The classification alone; the real handshakes that produce these exceptions are tested in transfer and console. */
class SearchProblemsTest {
    private static final URI SERVER = URI.create("https://127.0.0.1:9200");
    private static final SearchClientOptions TRANSFER = new SearchClientOptions(List.of(SERVER), "transfer", "pw",
            Optional.of(Path.of("/etc/ca.pem")), false);

    @Test
    void statusesNameUserAndSetting() {
        assertThat(SearchProblems.ofStatus(SERVER, 401, TRANSFER, "POST /_bulk")).map(ConnectionProblem::line)
                .hasValue("es https://127.0.0.1:9200 refused user 'transfer': wrong [es] password (or [es] username)");
        assertThat(SearchProblems.ofStatus(SERVER, 403, TRANSFER, "DELETE /old")).map(ConnectionProblem::line).get()
                .asString().startsWith("es https://127.0.0.1:9200 denied user 'transfer' DELETE /old: grant the role of [es] username");
        assertThat(SearchProblems.ofStatus(SERVER, 401, new SearchClientOptions(List.of(SERVER), "", "", Optional.empty(),
                false), "GET /")).map(ConnectionProblem::fix).hasValue("set [es] username and [es] password");
        assertThat(SearchProblems.ofStatus(SERVER, 503, TRANSFER, "GET /")).isEmpty();
        assertThat(SearchProblems.ofStatus(SERVER, 400, TRANSFER, "GET /")).isEmpty();
    }

    @Test
    void tlsFailuresByCause() {
        assertThat(line(handshake(new CertPathBuilderException("unable to find valid certification path"))))
                .isEqualTo("es https://127.0.0.1:9200 presented a certificate signed by an unknown CA: "
                        + "[es] ca_file /etc/ca.pem is not the CA that signed it");
        assertThat(line(handshake(new CertificateExpiredException("NotAfter: …"))))
                .startsWith("es https://127.0.0.1:9200 presented an expired certificate");
        assertThat(line(handshake(new CertificateException("No subject alternative names matching IP address 127.0.0.1 found"))))
                .contains("does not name host 127.0.0.1").contains("[es] address");
        assertThat(SearchProblems.ofFailure(SERVER, new ConnectException("Connection refused"), TRANSFER)).isEmpty();
    }

    private static IOException handshake(Exception cause) {
        SSLHandshakeException e = new SSLHandshakeException("handshake failed");
        e.initCause(cause);
        return new IOException("wrapped", e);
    }

    private static String line(Throwable failure) {
        return SearchProblems.ofFailure(SERVER, failure, TRANSFER).map(ConnectionProblem::line).orElse("(none)");
    }
}
