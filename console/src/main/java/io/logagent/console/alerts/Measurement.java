package io.logagent.console.alerts;

/** One evaluation's number, or why there is none ({@code error}); {@code detail} says what it counted. */
record Measurement(double value, String error, String detail) {

    static Measurement of(double value, String detail) {
        return new Measurement(value, null, detail);
    }

    static Measurement failed(String error) {
        return new Measurement(0, error, null);
    }
}
