package io.logagent.cli;

import io.logagent.agent.config.AgentConfig;
import io.logagent.agent.config.HostAddress;
import io.logagent.console.config.ConsoleConfig;
import io.logagent.core.etcd.EtcdKeyLayout;
import io.logagent.core.ini.IniFile;
import io.logagent.transfer.config.TransferConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The etcd key layout seen from every side, from the same [etcd] lines: the keys the console writes are the keys
 * the agent watches, and the transfer's prefix watch recognises both (issue #16: declared once, tested from both
 * sides).
 */
class EtcdKeyLayoutAgreementTest {

    private static final String IP = "10.5.0.9";

    @Test
    void defaultsAgree() {
        agree("");
    }

    @Test
    void seedTemplateAndCustomGroupKeyAgree() {
        agree("collect_log_key=/logAgent/%s/collect_config\ngroup_key=/cfg/groups/%s/collect\n");
    }

    private static void agree(String etcdLines) {
        AgentConfig agent = AgentConfig.from(IniFile.parse("agent.ini", """
                [kafka]
                address=k:9092
                [etcd]
                address=e:2379
                %s[agent]
                groups=web,db
                """.formatted(etcdLines)), IP, new HostAddress());
        ConsoleConfig console = ConsoleConfig.from(IniFile.parse("console.ini", "[etcd]\n" + etcdLines), Map.of());
        EtcdKeyLayout transfer = TransferConfig.from(IniFile.parse("transfer.ini", "[etcd]\naddress=e:2379\n"
                + etcdLines)).etcd().orElseThrow().layout();

        assertThat(console.etcd().hostKey(IP)).isEqualTo(agent.etcd().collectKey());
        assertThat(agent.etcd().groupKeys()).containsExactly(console.etcd().groupKey("web"),
                console.etcd().groupKey("db"));
        assertThat(console.etcd().keys().statusKey(IP)).isEqualTo(agent.etcd().statusKey());
        assertThat(transfer.parse(agent.etcd().collectKey())).contains(new EtcdKeyLayout.CollectKey(
                EtcdKeyLayout.Kind.HOST, IP));
        assertThat(transfer.parse(agent.etcd().groupKeys().getFirst())).contains(new EtcdKeyLayout.CollectKey(
                EtcdKeyLayout.Kind.GROUP, "web"));
        assertThat(transfer.parse(agent.etcd().statusKey())).isEmpty();
        assertThat(transfer.collectPrefixes()).anyMatch(agent.etcd().collectKey()::startsWith)
                .anyMatch(agent.etcd().groupKeys().getFirst()::startsWith);
    }
}
