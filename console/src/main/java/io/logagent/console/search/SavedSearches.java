package io.logagent.console.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logagent.console.etcd.EtcdKv;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A user's named searches (query and time range as typed, e.g. {@code now-1h}), one etcd key each under
 * {@code [etcd] saved_search_prefix} + id, written like the audit records ({@link io.logagent.console.hosts.AuditLog}).
 * The id is short and random, so {@code /s/<id>} can be shared: any signed-in user may open it; only its owner
 * sees it in the list and may delete it.
 */
public final class SavedSearches {

    public record Saved(String id, String user, String name, String q, String from, String to, Instant created) { }

    public static final int MAX_NAME = 100;
    public static final int MAX_PER_USER = 200;
    private static final Pattern ID = Pattern.compile("[a-z0-9]{10}");
    private static final char[] ALPHABET = "abcdefghijkmnopqrstuvwxyz23456789".toCharArray();

    private final EtcdKv etcd;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final String prefix;
    private final SecureRandom random;

    public SavedSearches(EtcdKv etcd, ObjectMapper mapper, Clock clock, String prefix, SecureRandom random) {
        this.etcd = etcd;
        this.mapper = mapper;
        this.clock = clock;
        this.prefix = prefix;
        this.random = random;
    }

    /** @throws IllegalArgumentException naming what is wrong: the name, or a range {@link TimeRange} refuses */
    public Saved save(String user, String name, String q, String from, String to) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > MAX_NAME) {
            throw new IllegalArgumentException("'name' must be 1.." + MAX_NAME + " characters");
        }
        String f = from == null || from.isBlank() ? TimeRange.DEFAULT_FROM : from.strip();
        String t = to == null || to.isBlank() ? "now" : to.strip();
        TimeRange.parse(f, t, clock); // refuse now what the search would refuse when the link is opened
        if (mine(user).size() >= MAX_PER_USER) {
            throw new IllegalArgumentException("user '" + user + "' has " + MAX_PER_USER
                    + " saved searches, the most kept; delete one first");
        }
        Saved s = new Saved(newId(), user, n, q == null ? "" : q.strip(), f, t, clock.instant());
        if (!etcd.compareAndPut(prefix + s.id(), 0, json(s), java.util.Map.of()).succeeded()) {
            throw new IllegalStateException("saved search id " + s.id() + " collided; save again");
        }
        return s;
    }

    /** The user's own, by name. */
    public List<Saved> mine(String user) {
        List<Saved> out = new ArrayList<>();
        etcd.list(prefix).values().forEach(v -> parse(v.value()).filter(s -> s.user().equals(user)).ifPresent(out::add));
        out.sort(Comparator.comparing((Saved s) -> s.name().toLowerCase()).thenComparing(Saved::id));
        return out;
    }

    public Optional<Saved> get(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            return Optional.empty();
        }
        EtcdKv.Versioned v = etcd.get(prefix + id);
        return v.modRevision() == 0 ? Optional.empty() : parse(v.value());
    }

    /** False when there is no such search; {@link SecurityException} when it is another user's. */
    public boolean delete(String user, String id) {
        Optional<Saved> s = get(id);
        if (s.isEmpty()) {
            return false;
        }
        if (!s.get().user().equals(user)) {
            throw new SecurityException("saved search " + id + " belongs to another user");
        }
        etcd.apply(java.util.Map.of(), List.of(prefix + id));
        return true;
    }

    private String newId() {
        char[] id = new char[10];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(id);
    }

    private String json(Saved s) {
        try {
            return mapper.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Values that are not ours (an operator's manual put) are skipped, as in the audit log. */
    private Optional<Saved> parse(String value) {
        try {
            Saved s = mapper.readValue(value, Saved.class);
            return s.id() == null || s.user() == null ? Optional.empty() : Optional.of(s);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
