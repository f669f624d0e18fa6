package io.logagent.console.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserStoreTest {

    PasswordHasher hasher = new PasswordHasher(new SecureRandom());

    UserStore store(Path file) {
        return new UserStore(file, hasher, new ObjectMapper());
    }

    @Test
    void generatesTheAdminPasswordOnceAndStoresOnlyItsHash(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("users.json");
        Optional<String> generated = store(file).load("");
        assertThat(generated).isPresent();
        assertThat(Files.readString(file)).doesNotContain(generated.get()).contains("pbkdf2-sha256$");
        UserStore again = store(file);
        assertThat(again.load("")).isEmpty(); // second start: nothing new to show
        assertThat(again.authenticate("admin", generated.get())).isPresent();
    }

    @Test
    void configuredAdminPasswordWinsAndUsersPersist(@TempDir Path dir) {
        Path file = dir.resolve("users.json");
        UserStore s = store(file);
        s.load("first-password");
        s.put("vera", Role.VIEWER, "viewer-pass-1");
        UserStore reloaded = store(file);
        reloaded.load("second-password");
        assertThat(reloaded.authenticate("admin", "first-password")).isEmpty();
        assertThat(reloaded.authenticate("admin", "second-password")).isPresent();
        assertThat(reloaded.authenticate("vera", "viewer-pass-1")).map(UserStore.User::role).contains(Role.VIEWER);
        assertThatThrownBy(() -> reloaded.put("bad/name", Role.VIEWER, "longenough")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> reloaded.put("x", Role.VIEWER, "short")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> reloaded.delete("admin")).isInstanceOf(IllegalArgumentException.class);
    }
}
