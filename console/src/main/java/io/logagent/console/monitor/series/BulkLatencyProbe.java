package io.logagent.console.monitor.series;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Mean bulk request latency in milliseconds of the transfers, from their own timer
 * ({@code logagent_transfer_bulk_latency_seconds} {@code _sum} and {@code _count} on each transfer's {@code /metrics},
 * summed over the transfers listed in {@code [pipeline] transfer_metrics}): the time of the bulks sent since the
 * previous sample divided by their number. No bulk in between = no value (a gap, not a made-up zero).
 */
public final class BulkLatencyProbe implements Probe {

    static final String METRIC = "logagent_transfer_bulk_latency_seconds";

    private final HttpClient http;
    private final List<URI> transfers;
    private double lastSum = Double.NaN;
    private double lastCount = Double.NaN;

    public BulkLatencyProbe(HttpClient http, List<URI> transfers) {
        this.http = http;
        this.transfers = List.copyOf(transfers);
    }

    @Override
    public OptionalDouble sample(Instant now) throws IOException, InterruptedException {
        double sum = 0;
        double count = 0;
        for (URI uri : transfers) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IOException(uri + " answered " + r.statusCode());
            }
            sum += PrometheusText.total(r.body(), METRIC + "_sum");
            count += PrometheusText.total(r.body(), METRIC + "_count");
        }
        double bulks = count - lastCount;
        double seconds = sum - lastSum;
        lastSum = sum;
        lastCount = count;
        if (!(bulks > 0) || seconds < 0) { // first sample (NaN), no bulk since, or a transfer restarted
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(seconds / bulks * 1000);
    }
}
