package io.logagent.console.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.etcd.jetcd.Client;
import io.logagent.console.etcd.EtcdKv;
import io.logagent.console.hosts.AuditLog;
import io.logagent.core.alert.AlertRuleCodec;
import io.logagent.core.etcd.EtcdKeyLayout;
import io.micrometer.core.instrument.MeterRegistry;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;

/**
 * The alerts feature wired from its settings: the rule store, the evaluator (with its lease and notifiers) and the
 * API routes. The caller owns the clients passed in and starts and stops {@link #evaluator()}.
 */
public record Alerts(AlertRules rules, AlertStore store, AlertEvaluator evaluator, AlertRoutes routes) {

    /**
     * @param identity how this console is named as the evaluator until {@link AlertEvaluator#start} names its URL
     * @param http     the client webhooks are POSTed with (owned by the caller)
     */
    public static Alerts create(AlertSettings.Values settings, Client etcdClient, EtcdKv etcd, AuditLog audit,
                                ObjectMapper mapper, Measurements measurements, HttpClient http, MeterRegistry metrics,
                                Clock clock, String identity) {
        AlertStore store = new AlertStore(etcd, mapper, settings.historyMax());
        AlertRules rules = new AlertRules(etcd, new AlertRuleCodec(mapper), audit, store);
        EvaluatorLease lease = new EvaluatorLease(etcdClient, EtcdKeyLayout.ALERT_LEADER_KEY, identity, settings.lease());
        Deliveries deliveries = new Deliveries(new WebhookNotifier(http, mapper), new EmailNotifier(settings.smtp()),
                settings.maxAttempts(), metrics);
        AlertEvaluator evaluator = new AlertEvaluator(rules, store, lease, measurements, deliveries, clock,
                settings.interval(), metrics);
        return new Alerts(rules, store, evaluator, new AlertRoutes(rules, store, etcd, evaluator));
    }

    /** A webhook client of its own: the search client may carry the search engine's TLS trust, webhooks do not. */
    public static HttpClient webhookClient() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }
}
