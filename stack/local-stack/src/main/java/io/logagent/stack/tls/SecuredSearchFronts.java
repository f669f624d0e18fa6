package io.logagent.stack.tls;

import java.nio.file.Path;
import java.util.List;

/**
 * What tests of a client against a secured search cluster need, made once per test class: a CA, a second
 * (unknown) CA, and three {@link SearchTlsFront}s before the same node: one with a good certificate for
 * 127.0.0.1 and localhost, one whose certificate names another host, one whose certificate has expired.
 */
public final class SecuredSearchFronts implements AutoCloseable {
    private final CertificateAuthority ca;
    private final CertificateAuthority unknownCa;
    private final SearchTlsFront good;
    private final SearchTlsFront wrongHost;
    private final SearchTlsFront expired;

    private SecuredSearchFronts(CertificateAuthority ca, CertificateAuthority unknownCa, SearchTlsFront good,
                                SearchTlsFront wrongHost, SearchTlsFront expired) {
        this.ca = ca;
        this.unknownCa = unknownCa;
        this.good = good;
        this.wrongHost = wrongHost;
        this.expired = expired;
    }

    /** Certificates under {@code dir}; every front forwards to {@code upstream} and knows {@code users}. */
    public static SecuredSearchFronts start(Path dir, String upstream, List<SearchTlsFront.User> users) {
        CertificateAuthority ca = CertificateAuthority.create(dir.resolve("ca"), "search-ca");
        CertificateAuthority unknownCa = CertificateAuthority.create(dir.resolve("unknown"), "unknown-ca");
        SearchTlsFront good = SearchTlsFront.start(upstream, ca.issue("search", "ip:127.0.0.1", "dns:localhost"), users);
        SearchTlsFront wrongHost = null;
        try {
            wrongHost = SearchTlsFront.start(upstream, ca.issue("elsewhere", "dns:wrong.example"), users);
            SearchTlsFront expired = SearchTlsFront.start(upstream, ca.issueExpired("old", "ip:127.0.0.1"), users);
            return new SecuredSearchFronts(ca, unknownCa, good, wrongHost, expired);
        } catch (RuntimeException e) {
            good.close();
            if (wrongHost != null) {
                wrongHost.close();
            }
            throw e;
        }
    }

    /** The CA that signed every front's certificate ({@code certPem()} for {@code ca_file}). */
    public CertificateAuthority ca() {
        return ca;
    }

    /** A CA that signed none of them. */
    public CertificateAuthority unknownCa() {
        return unknownCa;
    }

    /** Valid certificate for 127.0.0.1 and localhost. */
    public SearchTlsFront good() {
        return good;
    }

    /** Certificate for {@code wrong.example} only. */
    public SearchTlsFront wrongHost() {
        return wrongHost;
    }

    /** Certificate (for 127.0.0.1) that has expired. */
    public SearchTlsFront expired() {
        return expired;
    }

    @Override
    public void close() {
        good.close();
        wrongHost.close();
        expired.close();
    }
}
