package io.logagent.core.net;

/** How an address from an ini is read, the same for etcd, OpenSearch and Elasticsearch. */
public final class Addresses {

    private Addresses() {
    }

    /**
     * The seed writes addresses as {@code host:port}; a scheme-less address means plain http. An address with a
     * scheme is returned unchanged (whether that scheme is allowed is the caller's check).
     */
    public static String withHttpScheme(String address) {
        return address.contains("://") ? address : "http://" + address;
    }
}
