package io.logagent.stack.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import java.security.KeyStore;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.logagent.stack.OpenSearchServer;
import io.logagent.stack.junit.RealServers;

/** The front speaks real TLS with the CA's certificate, and answers 401 and 403 as a secured cluster would. */
@ExtendWith(RealServers.class)
class SearchTlsFrontTest {

    @Test
    void realTlsBasicAuthAndReadOnlyUsers(OpenSearchServer search, @TempDir Path dir) throws Exception {
        CertificateAuthority ca = CertificateAuthority.create(dir, "front-ca");
        try (SearchTlsFront front = SearchTlsFront.start(search.httpUrl(), ca.issue("front", "ip:127.0.0.1"), List.of(
                new SearchTlsFront.User("writer", "w-secret", false), new SearchTlsFront.User("reader", "r-secret", true)));
             HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(ca)).build();
             HttpClient jdkDefault = HttpClient.newHttpClient()) {
            String url = front.httpsUrl();

            assertThatThrownBy(() -> jdkDefault.send(get(url + "/", null), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(SSLHandshakeException.class);

            HttpResponse<String> anonymous = trusting.send(get(url + "/", null), HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"OpenSearch Security\"");
            assertThat(trusting.send(get(url + "/", "writer:wrong"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);

            HttpResponse<String> put = trusting.send(put(url + "/front-it/_doc/1?refresh=true", "writer:w-secret"),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).as(put.body()).isEqualTo(201);

            HttpResponse<String> denied = trusting.send(put(url + "/front-it/_doc/2", "reader:r-secret"),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(denied.statusCode()).isEqualTo(403);
            assertThat(denied.body()).contains("security_exception").contains("reader");

            HttpResponse<String> search1 = trusting.send(HttpRequest.newBuilder(URI.create(url + "/front-it/_search"))
                    .header("Authorization", basic("reader:r-secret")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"query\":{\"match_all\":{}}}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(search1.statusCode()).as(search1.body()).isEqualTo(200);
            assertThat(search1.body()).contains("\"_id\":\"1\"");
        }
    }

    @Test
    void readOnlyMeansGetHeadAndSearchEndpoints() {
        assertThat(SearchTlsFront.isRead("GET", "/_cluster/health")).isTrue();
        assertThat(SearchTlsFront.isRead("POST", "/logagent/_search")).isTrue();
        assertThat(SearchTlsFront.isRead("POST", "/_bulk")).isFalse();
        assertThat(SearchTlsFront.isRead("PUT", "/_index_template/x")).isFalse();
        assertThat(SearchTlsFront.isRead("DELETE", "/old-index")).isFalse();
    }

    private static SSLContext trusting(CertificateAuthority ca) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = java.nio.file.Files.newInputStream(ca.truststore())) {
            store.load(in, ca.password().toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    private static HttpRequest get(String url, String credentials) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (credentials != null) {
            b.header("Authorization", basic(credentials));
        }
        return b.build();
    }

    private static HttpRequest put(String url, String credentials) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", basic(credentials))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"n\":1}")).build();
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }
}
