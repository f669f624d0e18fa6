package io.logagent.core.net;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AddressesTest {

    @Test
    void aSchemeLessAddressIsPlainHttpAndAGivenSchemeIsKept() {
        assertThat(Addresses.withHttpScheme("127.0.0.1:2379")).isEqualTo("http://127.0.0.1:2379");
        assertThat(Addresses.withHttpScheme("https://es:9200/")).isEqualTo("https://es:9200/");
        assertThat(Addresses.withHttpScheme("ftp://x")).isEqualTo("ftp://x");
    }
}
