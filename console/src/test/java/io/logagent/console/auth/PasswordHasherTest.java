package io.logagent.console.auth;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHasherTest {

    PasswordHasher hasher = new PasswordHasher(new SecureRandom());

    @Test
    void roundTripWithRandomSaltAndEnoughIterations() {
        String h1 = hasher.hash("correct horse");
        String h2 = hasher.hash("correct horse");
        assertThat(h1).startsWith("pbkdf2-sha256$210000$").doesNotContain("correct");
        assertThat(h1).isNotEqualTo(h2); // random salt
        assertThat(hasher.verify("correct horse", h1)).isTrue();
        assertThat(hasher.verify("correct horse", h2)).isTrue();
        assertThat(hasher.verify("correct hors", h1)).isFalse();
        assertThat(PasswordHasher.ITERATIONS).isGreaterThanOrEqualTo(210_000);
    }

    @Test
    void malformedStoredHashesNeverMatch() {
        assertThat(hasher.verify("x", null)).isFalse();
        assertThat(hasher.verify("x", "plain-text")).isFalse();
        assertThat(hasher.verify("x", "pbkdf2-sha256$abc$%%$%%")).isFalse();
        assertThat(hasher.verify("x", "md5$1$AA==$AA==")).isFalse();
    }
}
