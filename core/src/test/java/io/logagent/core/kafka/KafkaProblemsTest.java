package io.logagent.core.kafka;

import io.logagent.core.problem.ConnectionProblem;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLHandshakeException;
import java.security.cert.CertificateException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaProblemsTest {

    private static final KafkaSecurity AGENT = new KafkaSecurity("SASL_SSL", "SCRAM-SHA-512", "agent", "x",
            Optional.empty(), Optional.empty(), Optional.empty());
    private final KafkaProblems problems = new KafkaProblems("127.0.0.1:9093", AGENT, "Write and Describe on its topics");

    @Test
    void wrongPasswordNamesUserServerAndSetting() {
        ConnectionProblem p = problems.classify(new ExecutionException(new SaslAuthenticationException(
                "Authentication failed during authentication due to invalid credentials"))).orElseThrow();
        assertThat(p.kind()).isEqualTo(ConnectionProblem.Kind.AUTHENTICATION);
        assertThat(p.line()).isEqualTo(
                "kafka 127.0.0.1:9093 refused user 'agent': wrong [kafka] password (or [kafka] username/sasl_mechanism)");
    }

    @Test
    void tlsFailuresAreToldApartByTheirCause() {
        assertThat(tls("PKIX path building failed: unable to find valid certification path to requested target"))
                .contains("not signed by a trusted CA", "[kafka] ssl_ca_file");
        assertThat(tls("No subject alternative names matching IP address 127.0.0.1 found"))
                .contains("another host name", "[kafka] address");
        assertThat(tls("Received fatal alert: bad_certificate")).contains("refused this client's certificate",
                "ssl_cert_file");
    }

    private String tls(String jdkMessage) {
        SSLHandshakeException handshake = new SSLHandshakeException("handshake");
        handshake.initCause(new CertificateException(jdkMessage));
        SslAuthenticationException e = new SslAuthenticationException("SSL handshake failed");
        e.initCause(handshake);
        ConnectionProblem p = problems.classify(e).orElseThrow();
        assertThat(p.kind()).isEqualTo(ConnectionProblem.Kind.CERTIFICATE);
        return p.line();
    }

    @Test
    void missingAclsNameTheResourceAndWhatIsNeeded() {
        assertThat(problems.classify(new TopicAuthorizationException(Set.of("web_log"))).orElseThrow().line())
                .isEqualTo("kafka 127.0.0.1:9093 refused user 'agent' access to topic(s) web_log: missing ACL on the "
                        + "brokers (Write and Describe on its topics)");
        assertThat(problems.classify(new GroupAuthorizationException("no", "g1")).orElseThrow().line())
                .contains("consumer group 'g1'");
    }

    @Test
    void anOutageIsNoConfigurationProblem() {
        assertThat(problems.classify(new TimeoutException("timed out"))).isEmpty();
    }
}
