package io.logagent.core.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.logagent.core.alert.AlertRule.Kind;
import io.logagent.core.alert.AlertRule.Op;
import io.logagent.core.etcd.EtcdKeyLayout;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertRuleCodecTest {

    private final AlertRuleCodec codec = new AlertRuleCodec(new ObjectMapper());

    @Test
    void readsTheIssuesQueryRuleWithDefaults() throws Exception {
        AlertRule r = codec.parse("web-errors", """
                {"kind":"query","query":"level:ERROR AND topic:web_log","window":"5m","threshold":10,"op":">",
                 "notify":[{"webhook":"https://hooks.example.com/x"},{"email":"ops@example.com"}]}""");
        assertThat(r.kind()).isEqualTo(Kind.QUERY);
        assertThat(r.query()).isEqualTo("level:ERROR AND topic:web_log");
        assertThat(r.window()).isEqualTo(Duration.ofMinutes(5));
        assertThat(r.threshold()).isEqualTo(10);
        assertThat(r.op()).isEqualTo(Op.GT);
        assertThat(r.repeat()).isEqualTo(Duration.ofHours(1));
        assertThat(r.holdFor()).isZero();
        assertThat(r.targets()).extracting(AlertRule.Notify::webhook, AlertRule.Notify::email).containsExactly(
                org.assertj.core.groups.Tuple.tuple(URI.create("https://hooks.example.com/x"), null),
                org.assertj.core.groups.Tuple.tuple(null, "ops@example.com"));
        assertThat(r.mutedAt(Instant.now())).isFalse();
    }

    @Test
    void readsPipelineHealthKinds() throws Exception {
        AlertRule offline = codec.parse("offline", "{\"kind\":\"agent_offline\",\"for\":\"2m\",\"repeat\":\"30m\"}");
        assertThat(offline.holdFor()).isEqualTo(Duration.ofMinutes(2));
        assertThat(offline.threshold()).isZero();
        assertThat(offline.repeat()).isEqualTo(Duration.ofMinutes(30));
        AlertRule stale = codec.parse("stale", "{\"kind\":\"topic_stale\",\"window\":\"10m\",\"topic\":\"web\"}");
        assertThat(stale.threshold()).isEqualTo(600);
        assertThat(stale.topic()).isEqualTo("web");
        AlertRule lag = codec.parse("lag", "{\"kind\":\"consumer_lag\",\"threshold\":5000,\"for\":\"5m\"}");
        assertThat(lag.threshold()).isEqualTo(5000);
        AlertRule dead = codec.parse("dl", "{\"kind\":\"dead_letters\",\"window\":\"15m\",\"threshold\":3,"
                + "\"mute_until\":\"2099-01-01T00:00:00Z\"}");
        assertThat(dead.mutedAt(Instant.parse("2030-01-01T00:00:00Z"))).isTrue();
        assertThat(codec.parse("e", "{\"kind\":\"entry_error\"}").kind()).isEqualTo(Kind.ENTRY_ERROR);
    }

    @Test
    void namesEveryBadFieldAtOnce() {
        assertThatThrownBy(() -> codec.parse("r", """
                {"kind":"query","window":"5 minutes","threshold":"ten","op":"=>","hots":"x",
                 "notify":[{"webhook":"ftp://x"},{"email":"nobody"},{"sms":"1"}],"mute_until":"tomorrow"}"""))
                .isInstanceOfSatisfying(AlertRuleException.class, e -> assertThat(e.problems()).containsExactly(
                        "unknown field 'hots' for kind query (known: description, for, kind, mute_until, notify, op, "
                                + "query, repeat, threshold, window)",
                        "missing 'query'",
                        "'window' must be " + Durations.FORMS + ", got \"5 minutes\"",
                        "'threshold' must be a number, got \"ten\"",
                        "'op' must be one of > >= < <= == !=, got \"=>\"",
                        "notify[0].webhook 'ftp://x' must be an http:// or https:// URL",
                        "notify[1].email 'nobody' is not an address like ops@example.com",
                        "notify[2] must be {\"webhook\": \"<http(s) URL>\"} or {\"email\": \"<address>\"}",
                        "'mute_until' must be an ISO-8601 instant like 2026-12-02T18:00:00Z, got \"tomorrow\""));
    }

    @Test
    void refusesUnknownKindsBadJsonAndNamesThatWouldCollideWithKeys() {
        assertThatThrownBy(() -> codec.parse("r", "{\"kind\":\"weather\"}")).hasMessageContaining(
                "'kind' must be one of query, pattern, agent_offline");
        assertThatThrownBy(() -> codec.parse("r", "{\"kind\":")).hasMessageContaining("invalid JSON");
        assertThatThrownBy(() -> codec.parse("r", "[]")).hasMessageContaining("expected a JSON object");
        assertThatThrownBy(() -> codec.parse("collect_config", "{\"kind\":\"entry_error\"}"))
                .hasMessageContaining("name 'collect_config'");
        assertThatThrownBy(() -> codec.parse("a/b", "{\"kind\":\"entry_error\"}")).hasMessageContaining("name 'a/b'");
    }

    @Test
    void alertKeysAreNeverTakenForCollectConfigs() {
        assertThat(EtcdKeyLayout.alertKey("web-errors")).isEqualTo("/logagent/alerts/web-errors");
        assertThat(EtcdKeyLayout.DEFAULT.parse(EtcdKeyLayout.alertKey("web-errors"))).isEmpty();
        assertThat(EtcdKeyLayout.DEFAULT.parse(EtcdKeyLayout.ALERT_STATE_PREFIX + "web-errors")).isEmpty();
    }

    @Test
    void durationsRoundTrip() {
        assertThat(Durations.parse("90s")).contains(Duration.ofSeconds(90));
        assertThat(Durations.format(Duration.ofSeconds(3600))).isEqualTo("1h");
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(Durations.parse("1.5h")).isEmpty();
    }
}
