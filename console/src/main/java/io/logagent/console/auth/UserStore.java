package io.logagent.console.auth;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Users and their password hashes, kept in a small JSON file that is rewritten whole (temp file + atomic move)
 * on every change, so a crash never leaves it half written. All methods are synchronized: changes are rare.
 */
public final class UserStore {

    private static final Logger log = LoggerFactory.getLogger(UserStore.class);
    public static final String ADMIN = "admin";
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9._@-]{1,64}");

    public record User(String name, Role role, String hash) { }

    private final Path file;
    private final PasswordHasher hasher;
    private final ObjectMapper mapper;
    private final Map<String, User> users = new TreeMap<>();

    public UserStore(Path file, PasswordHasher hasher, ObjectMapper mapper) {
        this.file = file;
        this.hasher = hasher;
        this.mapper = mapper;
    }

    /**
     * Loads the file and makes sure an admin exists: {@code adminPassword} (from the ini or the environment)
     * wins; else the stored admin stays; else a password is generated, stored hashed and returned so the caller
     * can show it once.
     */
    public synchronized Optional<String> load(String adminPassword) {
        if (Files.exists(file)) {
            try {
                List<User> stored = mapper.readValue(file.toFile(), new TypeReference<List<User>>() { });
                stored.forEach(u -> users.put(u.name(), u));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read users file " + file, e);
            }
        }
        if (!adminPassword.isEmpty()) {
            User current = users.get(ADMIN);
            if (current == null || !hasher.verify(adminPassword, current.hash())) {
                users.put(ADMIN, new User(ADMIN, Role.ADMIN, hasher.hash(adminPassword)));
                save();
            }
            return Optional.empty();
        }
        if (users.containsKey(ADMIN)) {
            return Optional.empty();
        }
        String generated = hasher.randomPassword();
        users.put(ADMIN, new User(ADMIN, Role.ADMIN, hasher.hash(generated)));
        save();
        log.warn("Generated the console password of user 'admin' (shown once, stored hashed in {}): {}", file, generated);
        return Optional.of(generated);
    }

    /** The user if the password matches; hashing is slow on purpose, so this costs ~100 ms. */
    public Optional<User> authenticate(String name, String password) {
        User user;
        synchronized (this) {
            user = users.get(name);
        }
        if (user == null) {
            hasher.verify(password, DUMMY_HASH); // same cost as a real check: no user enumeration by timing
            return Optional.empty();
        }
        return hasher.verify(password, user.hash()) ? Optional.of(user) : Optional.empty();
    }

    private static final String DUMMY_HASH = "pbkdf2-sha256$" + PasswordHasher.ITERATIONS
            + "$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

    public synchronized List<Map<String, String>> list() {
        return users.values().stream().map(u -> Map.of("name", u.name(), "role", u.role().name().toLowerCase())).toList();
    }

    public synchronized void put(String name, Role role, String password) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("user name must be 1-64 of [a-zA-Z0-9._@-]");
        }
        User current = users.get(name);
        String hash;
        if (password != null && !password.isEmpty()) {
            if (password.length() < 8) {
                throw new IllegalArgumentException("password must have at least 8 characters");
            }
            hash = hasher.hash(password);
        } else if (current != null) {
            hash = current.hash();
        } else {
            throw new IllegalArgumentException("a new user needs a password");
        }
        if (name.equals(ADMIN) && role != Role.ADMIN) {
            throw new IllegalArgumentException("user 'admin' keeps the admin role");
        }
        users.put(name, new User(name, role, hash));
        save();
    }

    public synchronized boolean delete(String name) {
        if (name.equals(ADMIN)) {
            throw new IllegalArgumentException("user 'admin' cannot be deleted");
        }
        boolean removed = users.remove(name) != null;
        if (removed) {
            save();
        }
        return removed;
    }

    private void save() {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            mapper.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), List.copyOf(users.values()));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write users file " + file, e);
        }
    }
}
