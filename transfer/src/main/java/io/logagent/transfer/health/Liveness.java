package io.logagent.transfer.health;

/** Whether the transfer is consuming: set by the service's consumer thread, read by {@code /health}. */
public final class Liveness {
    private volatile boolean up;

    public void up() {
        up = true;
    }

    public void down() {
        up = false;
    }

    public boolean isUp() {
        return up;
    }
}
