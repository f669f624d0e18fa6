package io.logagent.cli.check;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.kv.GetResponse;
import io.logagent.agent.config.ProducerSettings;
import io.logagent.agent.config.AgentConfig;
import io.logagent.agent.config.HostAddress;
import io.logagent.core.collect.PathAllowlist;
import io.logagent.agent.registry.Registry;
import io.logagent.agent.tail.FileFinder;
import io.logagent.core.collect.CollectConfigCodec;
import io.logagent.core.collect.CollectConfigException;
import io.logagent.core.collect.CollectEntry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code logagent agent --check-config}: what the agent would do with this ini, without starting it: the host IP and
 * etcd keys it resolves, its data directory and registry, etcd and the collect config found there, each entry's
 * files (allowed? readable by this user?), Kafka and the entries' topics.
 */
public final class AgentConfigCheck {
    private final CheckReport report;
    private final CollectConfigCodec codec = new CollectConfigCodec();

    public AgentConfigCheck(CheckReport report) {
        this.report = report;
    }

    /** Reports on {@code config} (already loaded: a file that does not load is the caller's problem to report). */
    public void run(AgentConfig config, boolean ipFromCommandLine) throws InterruptedException {
        String ipSource = ipFromCommandLine ? "--ip" : config.hostIp().equals(new HostAddress().detect())
                ? "the outbound address" : "[agent] ip";
        report.ok("host IP", config.hostIp() + " (from " + ipSource + ")");
        List<String> keys = new ArrayList<>();
        keys.add(config.etcd().collectKey());
        keys.addAll(config.etcd().groupKeys());
        report.ok("etcd keys", String.join(", ", keys) + "; status at " + config.etcd().statusKey());

        Path dataDir = config.agent().dataDir();
        report.writableDirectory("[agent] data_dir", dataDir);
        report.probe("registry", () -> Registry.describe(dataDir));

        Set<String> topics = new LinkedHashSet<>();
        try (Client etcd = config.etcd().connection().connect()) {
            checkCollectConfigs(etcd, config.etcd().endpoints().toString(), keys,
                    new PathAllowlist(config.agent().allowPaths()), topics);
        }
        checkKafka(config.kafka(), topics);
    }

    private void checkCollectConfigs(Client etcd, String endpoints, List<String> keys, PathAllowlist allowlist,
                                     Set<String> topics) throws InterruptedException {
        for (int k = 0; k < keys.size(); k++) {
            String key = keys.get(k);
            GetResponse response;
            try {
                response = etcd.getKVClient().get(ByteSequence.from(key, StandardCharsets.UTF_8))
                        .get(CheckReport.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                report.problem("etcd " + endpoints, "cannot read " + key + ": " + CheckReport.cause(e));
                return; // the other keys would fail the same way
            }
            if (k == 0) {
                report.ok("etcd " + endpoints, "reachable (revision " + response.getHeader().getRevision() + ")");
            }
            if (response.getKvs().isEmpty()) {
                report.note(key, "no collect config yet: the agent starts, collects nothing and follows the key");
                continue;
            }
            var kv = response.getKvs().getFirst();
            List<CollectEntry> entries;
            try {
                entries = codec.parse(kv.getValue().toString(StandardCharsets.UTF_8));
            } catch (CollectConfigException e) {
                report.problem(key, "the agent would refuse this value: " + String.join("; ", e.problems()));
                continue;
            }
            report.ok(key, entries.size() + (entries.size() == 1 ? " entry" : " entries") + " (mod revision "
                    + kv.getModRevision() + ")");
            for (CollectEntry entry : entries) {
                if (checkEntry(entry, allowlist)) {
                    topics.add(entry.topic());
                }
            }
        }
    }

    /** @return false when the agent would refuse the entry */
    private boolean checkEntry(CollectEntry entry, PathAllowlist allowlist) {
        String subject = "collect " + entry.path() + " -> " + entry.topic();
        Optional<String> refused = allowlist.check(entry.path());
        if (refused.isPresent()) {
            report.problem(subject, refused.get());
            return false;
        }
        List<Path> files;
        try {
            files = new FileFinder(entry.path(), entry.excludeFiles()).find();
        } catch (IOException e) {
            report.problem(subject, "cannot list its files: " + CheckReport.cause(e));
            return true;
        }
        String user = System.getProperty("user.name");
        if (files.isEmpty()) {
            Path dir = deepestExistingDirectory(entry.path());
            if (dir != null && !(Files.isReadable(dir) && Files.isExecutable(dir))) {
                report.problem(subject, "cannot look into " + dir + " as user " + user
                        + ": its files are invisible to the agent");
            } else {
                report.note(subject, "no file matches yet (files that appear later are read from their start)");
            }
            return true;
        }
        List<Path> unreadable = files.stream().filter(f -> !Files.isReadable(f)).toList();
        if (!unreadable.isEmpty()) {
            report.problem(subject, "cannot read " + unreadable.size() + " of " + files.size() + " files as user "
                    + user + ", e.g. " + unreadable.getFirst() + " (Debian: group adm reads /var/log)");
        } else {
            report.ok(subject, files.size() + (files.size() == 1 ? " file" : " files") + " readable, e.g. "
                    + files.getFirst());
        }
        return true;
    }

    /** The directory part of a path before its first glob character, or its nearest existing parent. */
    private static Path deepestExistingDirectory(String pattern) {
        int wild = pattern.length();
        for (char c : new char[] {'*', '?', '[', '{'}) {
            int i = pattern.indexOf(c);
            if (i >= 0 && i < wild) {
                wild = i;
            }
        }
        Path p = Path.of(pattern.substring(0, wild)).getParent();
        while (p != null && !Files.isDirectory(p)) {
            p = p.getParent();
        }
        return p;
    }

    private void checkKafka(AgentConfig.Kafka kafka, Set<String> topics) throws InterruptedException {
        try (KafkaProbe probe = new KafkaProbe(ProducerSettings.admin(kafka, "logagent-check-config",
                (int) CheckReport.TIMEOUT.toMillis()))) {
            if (!report.probe("Kafka " + kafka.bootstrapServers(), probe::cluster) || topics.isEmpty()) {
                return;
            }
            Map<String, Optional<Integer>> partitions;
            try {
                partitions = probe.partitions(topics);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                report.problem("Kafka topics", CheckReport.cause(e));
                return;
            }
            for (String topic : topics) {
                Optional<Integer> n = partitions.get(topic);
                if (n.isPresent()) {
                    report.ok("topic " + topic, n.get() + (n.get() == 1 ? " partition" : " partitions"));
                } else {
                    report.note("topic " + topic, "does not exist yet: the broker creates it on first use when "
                            + "auto.create.topics.enable is on, else the entry reports an error until it is created");
                }
            }
        }
    }
}
