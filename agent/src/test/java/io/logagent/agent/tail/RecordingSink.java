package io.logagent.agent.tail;

import io.logagent.agent.ship.EventSink;
import io.logagent.agent.ship.LogEvent;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A test sink that records every event and, depending on its mode, acknowledges at once, holds the listeners for
 * the test to acknowledge later (in any order), or fails them.
 */
final class RecordingSink implements EventSink {

    enum Mode { ACK, HOLD, FAIL }

    record Sent(LogEvent event, AckListener listener) {
    }

    private final List<Sent> sent = new ArrayList<>();
    private Mode mode = Mode.ACK;

    synchronized void mode(Mode mode) {
        this.mode = mode;
    }

    @Override
    public void send(LogEvent event, AckListener listener) {
        Mode m;
        synchronized (this) {
            sent.add(new Sent(event, listener));
            m = mode;
        }
        switch (m) {
            case ACK -> listener.acknowledged(event);
            case FAIL -> listener.failed(event, new IllegalStateException("topic is not authorized"));
            case HOLD -> { }
        }
    }

    synchronized List<Sent> sent() {
        return List.copyOf(sent);
    }

    synchronized List<LogEvent> events() {
        return sent.stream().map(Sent::event).toList();
    }

    /** The events' values as text, in the order sent. */
    synchronized List<String> lines() {
        return sent.stream().map(s -> new String(s.event().value(), StandardCharsets.UTF_8)).toList();
    }

    synchronized List<String> linesOf(String path) {
        return sent.stream().filter(s -> s.event().path().equals(path))
                .map(s -> new String(s.event().value(), StandardCharsets.UTF_8)).toList();
    }

    synchronized void clear() {
        sent.clear();
    }

    /** Forgets what was sent and switches mode atomically, so no send falls between the two. */
    synchronized void clear(Mode newMode) {
        sent.clear();
        mode = newMode;
    }
}
