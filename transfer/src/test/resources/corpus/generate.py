#!/usr/bin/env python3
"""Writes the timestamp and level corpus (one .tsv per family) read by CorpusTest.

Each line of a .tsv is: expected instant (ISO-8601 UTC, or "-" when the line carries no time of its own),
expected level (or "-"), the raw log line, separated by tabs. Lines starting with "#" are directives for the
lines after them: "#zone ZONE" (the entry's time_zone header), "#pattern P" and "#regex R" (the entry's timestamp).
The layouts follow each system's documentation; the messages are invented. Instants are formatted here, with
Python's own datetime, independently of the Java code under test. The read time ("now") is 2026-12-01T10:00:00Z
and the transfer's zone is UTC. Run from this directory: python3 generate.py
"""
import random
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

NOW = datetime(2026, 12, 1, 10, 0, 0, tzinfo=timezone.utc)
UTC = timezone.utc
rnd = random.Random(12)
MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
DAY = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def when(year=None, start=None, days=400):
    """A random instant: in `year`, or within `days` before `start` (default: before NOW, for yearless stamps)."""
    if year is not None:
        base = datetime(year, 1, 1, tzinfo=UTC)
        span = min(365 * 86400, int((NOW - base).total_seconds()) - 1)  # lines are written before they are read
        return base + timedelta(seconds=rnd.randrange(span), microseconds=rnd.randrange(1000000))
    start = start or NOW
    return start - timedelta(seconds=rnd.randrange(days * 86400), microseconds=rnd.randrange(1000000))


def iso(t):
    t = t.astimezone(UTC)
    return t.strftime("%Y-%m-%dT%H:%M:%S") + ".%06dZ" % t.microsecond


def iso_ms(t):
    """The instant truncated to milliseconds, for formats that write milliseconds."""
    return iso(t.replace(microsecond=t.microsecond // 1000 * 1000))


def iso_s(t):
    return iso(t.replace(microsecond=0))


def pick(*xs):
    return rnd.choice(xs)


def lvl(name):
    return {"WARNING": "WARN", "SEVERE": "ERROR", "FINE": "DEBUG", "FINER": "TRACE", "FINEST": "TRACE",
            "NOTICE": "INFO", "CRITICAL": "FATAL", "CRIT": "FATAL"}.get(name, name)


def ip():
    return "%d.%d.%d.%d" % (rnd.randrange(1, 224), rnd.randrange(256), rnd.randrange(256), rnd.randrange(1, 255))


files = {}


def add(family, instant, level, line):
    files.setdefault(family, []).append("%s\t%s\t%s" % (instant or "-", level or "-", line))


def directive(family, text):
    files.setdefault(family, []).append("#" + text)


# HDFS: yyMMdd HHmmss PID LEVEL component: message
for _ in range(24):
    t = when(2008)
    level = pick("INFO", "INFO", "INFO", "WARN", "ERROR")
    blk = "blk_%d" % rnd.randrange(-9 * 10**18, 9 * 10**18)
    msg = pick("dfs.DataNode$PacketResponder: PacketResponder %d for block %s terminating" % (rnd.randrange(3), blk),
               "dfs.FSNamesystem: BLOCK* NameSystem.addStoredBlock: blockMap updated: %s:50010 is added to %s size 67108864" % (ip(), blk),
               "dfs.DataNode$DataXceiver: Receiving block %s src: /%s:%d dest: /%s:50010" % (blk, ip(), rnd.randrange(30000, 60000), ip()),
               "dfs.DataNode: %s:50010:Got exception while serving %s to /%s:" % (ip(), blk, ip()),
               "dfs.DataBlockScanner: Verification succeeded for %s" % blk)
    add("hdfs", iso_s(t), level, "%s %d %s %s" % (t.strftime("%y%m%d %H%M%S"), rnd.randrange(1, 30000), level, msg))

# Spark's default log4j layout: yy/MM/dd HH:mm:ss LEVEL class: message
for _ in range(24):
    t = when(2017)
    level = pick("INFO", "INFO", "WARN", "ERROR", "DEBUG")
    msg = pick("executor.CoarseGrainedExecutorBackend: Registered signal handlers for [TERM, HUP, INT]",
               "spark.SecurityManager: Changing view acls to: yarn,curi",
               "storage.MemoryStore: Block broadcast_%d stored as values in memory (estimated size 9.5 KB, free 366.3 MB)" % rnd.randrange(40),
               "executor.Executor: Finished task %d.0 in stage %d.0 (TID %d). 2%03d bytes result sent to driver" % (rnd.randrange(99), rnd.randrange(9), rnd.randrange(999), rnd.randrange(999)),
               "scheduler.TaskSetManager: Lost task 3.0 in stage 2.0 (TID 17, host-12): java.io.IOException: Connection reset by peer")
    add("spark", iso_s(t), level, "%s %s %s" % (t.strftime("%y/%m/%d %H:%M:%S"), level, msg))

# yyyyMMdd-HH:mm:ss:SSS|component|pid|message (a phone health app's log; no level)
for _ in range(20):
    t = when(2017)
    msg = pick("Step_LSC|30002312|onStandStepChanged %d" % rnd.randrange(9999),
               "Step_SPUtils|30002312| getTodayTotalDetailSteps = 1514038440000##%d##548365##8661##12578##27883965" % rnd.randrange(9999),
               "Step_StandReportReceiver|30002312|onReceive action: android.intent.action.SCREEN_ON",
               "HiH_HiSyncUtil|30002312|isSyncing() = false")
    add("compact", iso_ms(t), None, "%s:%03d|%s" % (t.strftime("%Y%m%d-%H:%M:%S"), t.microsecond // 1000, msg))

# IBM BlueGene/L RAS: alert flag, epoch seconds, date, node, yyyy-MM-dd-HH.mm.ss.SSSSSS (Pacific time), node, ...
pacific = ZoneInfo("America/Los_Angeles")
for _ in range(20):
    t = when(2005).replace(microsecond=rnd.randrange(1000000))
    local = t.astimezone(pacific)
    node = "R%02d-M%d-N%d-C:J%02d-U%02d" % (rnd.randrange(80), rnd.randrange(2), rnd.randrange(16), rnd.randrange(18), rnd.randrange(12))
    flag, level, msg = pick(("-", "INFO", "instruction cache parity error corrected"),
                            ("-", "INFO", "generating core.%d" % rnd.randrange(9999)),
                            ("KERNDTLB", "FATAL", "data TLB error interrupt"),
                            ("-", "WARNING", "ddr: activating redundant bit steering: rank=0 symbol=%d" % rnd.randrange(30)),
                            ("APPREAD", "FATAL", "ciod: failed to read message prefix on control stream (CioStream socket to 172.16.96.116:33569"))
    add("bgl", iso_s(t), lvl(level), "%s %d %s %s %s %s RAS KERNEL %s %s" % (
        flag, int(t.timestamp()), local.strftime("%Y.%m.%d"), node, local.strftime("%Y-%m-%d-%H.%M.%S") + ".%06d" % t.microsecond,
        node, level, msg))
for _ in range(8):  # the stamp alone at the line's start, read in the transfer's zone (UTC)
    t = when(2005)
    add("bgl", iso(t), "INFO", "%s.%06d R02-M1-N0-C:J12-U11 RAS KERNEL INFO %d double-hummer alignment exceptions" % (
        t.strftime("%Y-%m-%d-%H.%M.%S"), t.microsecond, rnd.randrange(999)))

# Proxifier: [MM.dd HH:mm:ss] program - host:port message (no year, no level)
for _ in range(20):
    t = when(days=300)
    add("month_dot_day", iso_s(t), None, "[%s] %s - %s:%d %s" % (
        t.strftime("%m.%d %H:%M:%S"), pick("chrome.exe", "Dropbox.exe", "putty.exe", "WeChat.exe"),
        pick("proxy.example.org", "www.example.com", ip()), pick(80, 443, 5070),
        pick("open through proxy proxy.example.org:5070 HTTPS", "close, 1449 bytes (1.41 KB) sent, 2102 bytes (2.05 KB) received, lifetime 00:02",
             "error : Could not connect through proxy proxy.example.org:5070 - Proxy server cannot establish a connection with the target, status code 403")))

# Android logcat: threadtime (MM-dd HH:mm:ss.SSS PID TID L Tag: msg) and brief (L/Tag( PID): msg, no time)
LOGCAT = {"V": "TRACE", "D": "DEBUG", "I": "INFO", "W": "WARN", "E": "ERROR", "F": "FATAL"}
for _ in range(24):
    t = when(days=300)
    letter = pick("V", "D", "I", "I", "W", "E", "F")
    tag, msg = pick(("WindowManager", "printFreezingDisplayLogsopening app wtoken = AppWindowToken{9f4ef63 token=Token{a64f992}}"),
                    ("PowerManagerService", "acquire lock=233570404, flags=0x1, tag=\"View Lock\", name=com.android.systemui"),
                    ("ActivityManager", "Start proc 2103:com.android.browser/u0a45 for activity com.android.browser/.BrowserActivity"),
                    ("chatty", "uid=1000(system) Binder:1702_B expire 3 lines"),
                    ("DEBUG", "Build fingerprint: 'google/walleye/walleye:8.1.0/OPM1.171019.011/4448085:user/release-keys'"))
    add("logcat", iso_ms(t), LOGCAT[letter], "%s.%03d  %d  %d %s %s: %s" % (
        t.strftime("%m-%d %H:%M:%S"), t.microsecond // 1000, rnd.randrange(100, 30000), rnd.randrange(100, 30000), letter, tag, msg))
for _ in range(6):
    letter = pick("D", "I", "W", "E")
    add("logcat", None, LOGCAT[letter], "%s/%s(%5d): %s" % (letter, pick("ActivityManager", "dalvikvm", "AndroidRuntime"),
                                                          rnd.randrange(100, 30000), pick("Start proc com.android.browser", "GC_CONCURRENT freed 2049K, 65% free 3571K/9991K, external 4703K/5261K, paused 2ms+2ms")))

# Epoch seconds / milliseconds as the first token; Thunderbird (alert flag, epoch, date, host, syslog stamp, ...)
for _ in range(14):
    t = when(2005).replace(microsecond=0)
    local = t.astimezone(pacific)
    host = "dn%d" % rnd.randrange(1, 999)
    add("epoch", iso_s(t), None, "- %d %s %s %s %s/%s %s" % (
        int(t.timestamp()), local.strftime("%Y.%m.%d"), host, "%s %2d %s" % (MON[local.month - 1], local.day, local.strftime("%H:%M:%S")), host, host,
        pick("crond(pam_unix)[2915]: session closed for user root", "ntpd[1895]: synchronized to 10.100.18.250, stratum 3",
             "kernel: e1000: eth0: e1000_watchdog: NIC Link is Up 1000 Mbps Full Duplex")))
for _ in range(8):
    t = when(2026, days=300)
    add("epoch", iso_ms(t), pick(None), "%d %s" % (int(t.timestamp() * 1000) // 1 if False else int(t.timestamp()) * 1000 + t.microsecond // 1000,
                                                   pick("worker-3 picked job 81723", "cache refreshed (412 keys)", "sent heartbeat to 10.0.0.7:9092")))
for _ in range(6):
    t = when(2026)
    add("epoch", iso_ms(t), None, "%d.%03d %s" % (int(t.timestamp()), t.microsecond // 1000, pick("rx=1532 tx=881", "queue depth 12")))

# ctime with a zone name (date(1), Java's Date.toString) and Apache httpd error logs
zones = [("PDT", -7), ("PST", -8), ("EST", -5), ("CET", 1), ("UTC", 0), ("JST", 9)]
for _ in range(14):
    t = when(2005).replace(microsecond=0)
    name, hours = pick(*zones)
    local = t.astimezone(timezone(timedelta(hours=hours)))
    add("ctime", iso_s(t), None, "%s %s %02d %s %s %d %s" % (
        DAY[local.weekday()], MON[local.month - 1], local.day, local.strftime("%H:%M:%S"), name, local.year,
        pick("backup.sh: snapshot of /var/lib/pgsql done in 312 s", "Job 4127 submitted to queue batch", "rsync finished, 1.2 GB copied")))
for _ in range(10):
    t = when(2005).replace(microsecond=0)
    level = pick("error", "notice", "warn", "crit")
    add("ctime", iso_s(t), {"error": "ERROR", "notice": "INFO", "warn": "WARN", "crit": "FATAL"}[level], "[%s %s %02d %s %d] [%s] %s" % (
        DAY[t.weekday()], MON[t.month - 1], t.day, t.strftime("%H:%M:%S"), t.year, level,
        pick("mod_jk child workerEnv in error state 6", "[client %s] Directory index forbidden by rule: /var/www/html/" % ip(),
             "jk2_init() Found child 6725 in scoreboard slot 10")))
for _ in range(8):
    t = when(2011)
    module, level = pick(("core", "error"), ("mpm_event", "notice"), ("ssl", "warn"), ("proxy", "error"))
    add("ctime", iso(t), {"error": "ERROR", "notice": "INFO", "warn": "WARN"}[level], "[%s %s %02d %s.%06d %d] [%s:%s] [pid %d:tid %d] %s" % (
        DAY[t.weekday()], MON[t.month - 1], t.day, t.strftime("%H:%M:%S"), t.microsecond, t.year, module, level,
        rnd.randrange(99999), rnd.randrange(10**9, 10**10),
        pick("[client %s] AH00128: File does not exist: /usr/local/apache2/htdocs/favicon.ico" % ip(),
             "AH00489: Apache/2.4.57 (Unix) configured -- resuming normal operations")))

# Syslog RFC 3164 (no year: the read time's, or last year's when ahead), RFC 5424, sshd/postfix lower-case levels
def syslog_stamp(t):
    return "%s %2d %s" % (MON[t.month - 1], t.day, t.strftime("%H:%M:%S"))


for _ in range(20):
    t = when(days=360).replace(microsecond=0)
    host = pick("combo", "web1", "db-2")
    level, msg = pick((None, "sshd(pam_unix)[%d]: authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=%s" % (rnd.randrange(30000), ip())),
                      (None, "sshd[%d]: Failed password for invalid user admin from %s port %d ssh2" % (rnd.randrange(30000), ip(), rnd.randrange(1024, 65535))),
                      ("ERROR", "sshd[%d]: error: kex_exchange_identification: Connection closed by remote host" % rnd.randrange(30000)),
                      ("FATAL", "sshd[%d]: fatal: Timeout before authentication for %s port %d" % (rnd.randrange(30000), ip(), rnd.randrange(1024, 65535))),
                      ("WARN", "postfix/smtpd[%d]: warning: hostname mail.example.net does not resolve to address %s" % (rnd.randrange(30000), ip())),
                      (None, "CRON[%d]: (root) CMD (cd / && run-parts --report /etc/cron.hourly)" % rnd.randrange(30000)),
                      ("WARN", "kernel: [%d.%06d] WARNING: CPU: 1 PID: 4113 at net/core/dev.c:5270 __netif_receive_skb+0x2f/0x80" % (rnd.randrange(99999), rnd.randrange(999999))),
                      (None, "systemd[1]: Started Session %d of user alice." % rnd.randrange(9999)))
    add("syslog", iso_s(t), level, "%s %s %s" % (syslog_stamp(t), host, msg))
for _ in range(6):  # RFC 3164 with <PRI>: the severity is the level
    t = when(days=360).replace(microsecond=0)
    pri = rnd.choice([13, 11, 34, 30, 28])
    add("syslog", iso_s(t), ["FATAL", "FATAL", "FATAL", "ERROR", "WARN", "INFO", "INFO", "DEBUG"][pri % 8], "<%d>%s mymachine su[%d]: 'su root' failed for lonvick on /dev/pts/8" % (pri, syslog_stamp(t), rnd.randrange(9999)))
for _ in range(8):  # RFC 5424
    t = when(2026)
    pri = rnd.choice([165, 34, 14, 190])
    off = pick(0, -7, 2)
    local = t.astimezone(timezone(timedelta(hours=off)))
    stamp = local.strftime("%Y-%m-%dT%H:%M:%S") + ".%03d" % (t.microsecond // 1000) + ("Z" if off == 0 else local.strftime("%z")[:3] + ":" + local.strftime("%z")[3:])
    add("syslog", iso_ms(t), ["FATAL", "FATAL", "FATAL", "ERROR", "WARN", "INFO", "INFO", "DEBUG"][pri % 8],
        "<%d>1 %s mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut=\"3\" eventSource=\"Application\" eventID=\"1011\"] An application event log entry" % (pri, stamp))
for _ in range(6):  # rsyslog's high-precision ISO stamp
    t = when(2026)
    add("syslog", iso(t), pick("ERROR"), "%s+01:00 web1 sshd[%d]: error: maximum authentication attempts exceeded for root from %s port 51234 ssh2 [preauth]" % (
        (t + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%S") + ".%06d" % t.microsecond, rnd.randrange(30000), ip()))
directive("syslog", "zone America/Los_Angeles")
for _ in range(8):  # a date with the year before the yearless stamp (Thunderbird without the epoch), entry zone
    t = when(2005).replace(microsecond=0)
    local = t.astimezone(pacific)
    host = "an%d" % rnd.randrange(999)
    add("syslog", iso_s(t), None, "%s %s %s %s/%s sshd[%d]: Accepted publickey for root from %s port 22 ssh2" % (
        local.strftime("%Y.%m.%d"), host, syslog_stamp(local), host, host, rnd.randrange(30000), ip()))

# ISO-8601: Log4j, Logback, Spring Boot, Python logging, PostgreSQL, logfmt, JSON; comma/dot fractions, offsets
for _ in range(60):
    t = when(2026)
    level = pick("INFO", "INFO", "WARN", "ERROR", "DEBUG", "TRACE")
    ms = t.microsecond // 1000
    kind = rnd.randrange(10)
    if kind == 0:
        line, exp = "%s,%03d %-5s [main] com.example.OrderService - order %d placed" % (t.strftime("%Y-%m-%d %H:%M:%S"), ms, level, rnd.randrange(99999)), iso_ms(t)
    elif kind == 1:
        line, exp = "%s.%03d [http-nio-8080-exec-%d] %-5s c.e.web.OrderController - GET /orders/%d took 12 ms" % (t.strftime("%Y-%m-%d %H:%M:%S"), ms, rnd.randrange(9), level, rnd.randrange(999)), iso_ms(t)
    elif kind == 2:
        off = pick(1, -5, 0, 9)
        local = t.astimezone(timezone(timedelta(hours=off)))
        z = local.strftime("%z")
        line, exp = "%s.%03d%s  %s %d --- [           main] o.s.b.w.embedded.tomcat.TomcatWebServer  : Tomcat started on port 8080 (http) with context path '/'" % (
            local.strftime("%Y-%m-%dT%H:%M:%S"), ms, z[:3] + ":" + z[3:], level.rjust(5), rnd.randrange(99999)), iso_ms(t)
    elif kind == 3:
        py = {"WARN": "WARNING", "TRACE": "DEBUG"}.get(level, level)
        line, exp = "%s,%03d - myapp.worker - %s - processed batch %d in 0.%03ds" % (t.strftime("%Y-%m-%d %H:%M:%S"), ms, py, rnd.randrange(999), rnd.randrange(999)), iso_ms(t)
        level = lvl(py)
    elif kind == 4:
        pg, level = pick(("LOG", "INFO"), ("ERROR", "ERROR"), ("WARNING", "WARN"), ("FATAL", "FATAL"))
        line, exp = "%s.%03d UTC [%d] %s:  %s" % (t.strftime("%Y-%m-%d %H:%M:%S"), ms, rnd.randrange(99999), pg,
                                                pick("checkpoint starting: time", "relation \"orders\" does not exist at character 15", "terminating connection due to administrator command")), iso_ms(t)
    elif kind == 5:
        line, exp = "time=%sZ level=%s msg=\"slow query\" duration=1.2%02ds" % (t.strftime("%Y-%m-%dT%H:%M:%S"), level.lower(), rnd.randrange(99)), iso_s(t)
    elif kind == 6:
        line, exp = "{\"level\":\"%s\",\"ts\":%d.%03d,\"caller\":\"server/main.go:%d\",\"msg\":\"listening\",\"addr\":\":8080\"}" % (level.lower(), int(t.timestamp()), ms, rnd.randrange(999)), iso_ms(t)
    elif kind == 7:
        line, exp = "{\"time\":\"%s.%06d+00:00\",\"level\":\"%s\",\"message\":\"cache miss for key user:%d\"}" % (t.strftime("%Y-%m-%dT%H:%M:%S"), t.microsecond, level.lower(), rnd.randrange(9999)), iso(t)
    elif kind == 8:
        local = t.astimezone(timezone(timedelta(hours=-5)))
        line, exp = "%s.%06d-0500 %s [scheduler] job nightly-report finished, version 2.10.3" % (local.strftime("%Y-%m-%dT%H:%M:%S"), t.microsecond, level), iso(t)
    else:
        line, exp = "[%s,%03d] %s [kafka-producer-network-thread | producer-1] o.a.k.c.NetworkClient - Node 2 disconnected." % (t.strftime("%Y-%m-%d %H:%M:%S"), ms, level), iso_ms(t)
    add("iso", exp, level, line)
directive("iso", "zone America/Los_Angeles")
for _ in range(10):  # the entry's zone applies to stamps without one; a stamp's own offset still wins
    t = when(2026)
    local = t.astimezone(pacific)
    if rnd.random() < 0.7:
        add("iso", iso_ms(t), "INFO", "%s,%03d INFO  [main] com.example.Batch - chunk %d committed" % (local.strftime("%Y-%m-%d %H:%M:%S"), t.microsecond // 1000, rnd.randrange(999)))
    else:
        add("iso", iso_s(t), "WARN", "%sZ WARN retrying in 2s" % t.strftime("%Y-%m-%dT%H:%M:%S"))

# Apache / nginx access logs (no level)
for _ in range(24):
    t = when(2026).replace(microsecond=0)
    off = pick(0, -7, 1, 2)
    local = t.astimezone(timezone(timedelta(hours=off)))
    req = pick("GET /apache_pb.gif HTTP/1.0", "POST /api/v1/orders?since=2026-01-01T00:00:00Z HTTP/1.1", "GET /static/app.2.10.3.js HTTP/2.0", "HEAD / HTTP/1.1")
    add("access", iso_s(t), None, "%s - %s [%s %s] \"%s\" %d %d \"%s\" \"%s\"" % (
        pick(ip(), "::1", "2001:db8::1"), pick("-", "frank", "alice"), local.strftime("%d/") + MON[local.month - 1] + local.strftime("/%Y:%H:%M:%S"),
        local.strftime("%z"), req, pick(200, 304, 404, 500), rnd.randrange(99999), pick("-", "https://example.com/"), pick("curl/8.5.0", "Mozilla/5.0 (X11; Linux x86_64)")))

# nginx error log and Go's log package: yyyy/MM/dd HH:mm:ss
for _ in range(16):
    t = when(2026).replace(microsecond=0)
    level = pick("error", "warn", "notice", "crit", "alert", "emerg")
    add("slashed", iso_s(t), {"error": "ERROR", "warn": "WARN", "notice": "INFO", "crit": "FATAL", "alert": "FATAL", "emerg": "FATAL"}[level],
        "%s [%s] %d#%d: *%d %s" % (t.strftime("%Y/%m/%d %H:%M:%S"), level, rnd.randrange(99999), rnd.randrange(9), rnd.randrange(99999),
                                    pick("open() \"/usr/share/nginx/html/favicon.ico\" failed (2: No such file or directory), client: %s, server: localhost, request: \"GET /favicon.ico HTTP/1.1\", host: \"localhost\"" % ip(),
                                         "upstream timed out (110: Connection timed out) while reading response header from upstream")))
for _ in range(8):
    t = when(2026)
    add("slashed", iso(t), None, "%s.%06d main.go:%d: listening on :8080, build 2.10.3" % (t.strftime("%Y/%m/%d %H:%M:%S"), t.microsecond, rnd.randrange(999)))

# Windows CBS.log: yyyy-MM-dd HH:mm:ss, Level (capitalised, in its column) Component
for _ in range(20):
    t = when(2016).replace(microsecond=0)
    level = pick("Info", "Info", "Info", "Warning", "Error")
    add("windows_cbs", iso_s(t), {"Info": "INFO", "Warning": "WARN", "Error": "ERROR"}[level], "%s, %-22s%s" % (
        t.strftime("%Y-%m-%d %H:%M:%S"), level, pick("CBS    Loaded Servicing Stack v6.1.7601.23505 with Core: C:\\Windows\\winsxs\\amd64_microsoft-windows-servicingstack_31bf3856ad364e35_6.1.7601.23505_none_681aa442f6fed7f0\\cbscore.dll",
                                                     "CSI    00000001@2016/9/28:20:30:31.455 WcpInitialize (wcp.dll version 0.0.0.6) called (stack @0x7fed806eb5d @0x7fef9fb9b6d)",
                                                     "CBS    Failed to internally open package. [HRESULT = 0x800f0805 - CBS_E_INVALID_PACKAGE]")))

# glog / klog: Lmmdd hh:mm:ss.uuuuuu threadid file:line] msg (no year)
for _ in range(16):
    t = when(days=300)
    letter = pick("I", "I", "W", "E", "F")
    add("glog", iso(t), {"I": "INFO", "W": "WARN", "E": "ERROR", "F": "FATAL"}[letter], "%s%s.%06d %7d %s] %s" % (
        letter, t.strftime("%m%d %H:%M:%S"), t.microsecond, rnd.randrange(99999), pick("server.go:42", "reflector.go:138", "controller.go:114"),
        pick("Listening on :8080", "Watch close - *v1.Pod total 12 items received", "Failed to sync pod kube-system/coredns-5d78c9869d-abcde")))

# java.util.logging SimpleFormatter: a stamp line, then LEVEL: message (no stamp); Tomcat and Log4j DATE
for _ in range(10):
    t = when(2026).replace(microsecond=0)
    hour12 = t.hour % 12 or 12
    add("jul", iso_s(t), None, "%s %d, %d %d:%s %s org.apache.catalina.startup.Catalina start" % (
        MON[t.month - 1], t.day, t.year, hour12, t.strftime("%M:%S"), "AM" if t.hour < 12 else "PM"))
    level = pick("INFO", "SEVERE", "WARNING", "FINE", "FINER", "CONFIG")
    add("jul", None, {"CONFIG": "INFO"}.get(level, lvl(level)), "%s: %s" % (level, pick("Server startup in 1234 ms", "Servlet.service() for servlet [dispatcher] threw exception", "Loaded 2026 records")))
for _ in range(8):
    t = when(2026)
    level = pick("INFO", "WARNING", "SEVERE")
    add("jul", iso_ms(t), lvl(level), "%s-%s-%d %s.%03d %s [main] org.apache.catalina.startup.Catalina.start Server startup in [%d] milliseconds" % (
        t.strftime("%d"), MON[t.month - 1], t.year, t.strftime("%H:%M:%S"), t.microsecond // 1000, level, rnd.randrange(9999)))
for _ in range(6):
    t = when(2026)
    level = pick("INFO", "WARN", "ERROR")
    add("jul", iso_ms(t), level, "%d %s %d %s,%03d %-5s [pool-1-thread-2] org.quartz.core.JobRunShell - Job DEFAULT.cleanup threw an unhandled Exception" % (
        t.day, MON[t.month - 1], t.year, t.strftime("%H:%M:%S"), t.microsecond // 1000, level))

# OpenStack: a file name before the stamp, then the PID
for _ in range(16):
    t = when(2017)
    level = pick("INFO", "INFO", "WARNING", "ERROR")
    add("openstack", iso_ms(t), lvl(level), "nova-api.log.1.2017-05-16_13:53:08 %s.%03d %d %s nova.osapi_compute.wsgi.server [req-%08x-2096-447d-96ea-a692162415ae 113d3a99c3da401fbd62cc2caa5b96d2 54fadb412c4e40cdbaed9335e4c35a9e - - -] %s \"GET /v2/54fadb412c4e40cdbaed9335e4c35a9e/servers/detail HTTP/1.1\" status: 200 len: 1893 time: 0.2477829" % (
        t.strftime("%Y-%m-%d %H:%M:%S"), t.microsecond // 1000, rnd.randrange(99999), level, rnd.randrange(2**32), ip()))

# HPC cluster logs: id, node, component, state, epoch seconds, flag, message (the epoch is the fifth token)
for _ in range(12):
    t = when(2004).replace(microsecond=0)
    add("hpc", iso_s(t), None, "%d node-%d %s %s %d 1 %s" % (
        rnd.randrange(999999), rnd.randrange(999), pick("unix.hw", "node", "action"), pick("state_change.unavailable", "boot_generic", "error"),
        int(t.timestamp()), pick("Component State Change: Component \\042alt0\\042 is in the unavailable state (HWID=1925)",
                                 "node psu failure\\ ambient=28", "boot command (cmd 2) Targeting domains:node-D0 and nodes:node-[40-63] child of command 2")))

# ZooKeeper and Hadoop (log4j layouts with " - LEVEL [thread]" and "LEVEL [thread] class:")
for _ in range(14):
    t = when(2015)
    level = pick("INFO", "INFO", "WARN", "ERROR")
    add("zookeeper", iso_ms(t), level, "%s,%03d - %-5s [QuorumPeer[myid=%d]/0:0:0:0:0:0:0:0:2181:FastLeaderElection@774] - Notification time out: %d" % (
        t.strftime("%Y-%m-%d %H:%M:%S"), t.microsecond // 1000, level, rnd.randrange(1, 4), rnd.randrange(99999)))
for _ in range(12):
    t = when(2015)
    level = pick("INFO", "INFO", "WARN", "ERROR", "FATAL")
    add("zookeeper", iso_ms(t), level, "%s,%03d %s [main] org.apache.hadoop.mapreduce.v2.app.MRAppMaster: Created MRAppMaster for application appattempt_1445144423722_%04d_000001" % (
        t.strftime("%Y-%m-%d %H:%M:%S"), t.microsecond // 1000, level, rnd.randrange(9999)))

# macOS system.log: syslog stamp, host, process[pid]: message
for _ in range(12):
    t = when(days=200).replace(microsecond=0)
    add("mac", iso_s(t), None, "%s calvisitor-10-105-160-95 %s" % (syslog_stamp(t), pick(
        "kernel[0]: IOThunderboltSwitch<0>(0x0)::listenerCallback - Thunderbolt HPD packet for route = 0x0 port = 11 unplug = 0",
        "com.apple.cts[258]: com.apple.suggestions.harvest: scheduler_evaluate_activity told me to run this job; however, but the start time isn't for 439034 seconds.  Ignoring.",
        "QQ[10018]: FA||Url||taskID[2019352994] dealloc")))

# A format only the entry can name: "timestamp": {"pattern": ..., "regex": ...}
directive("custom", "pattern dd.MM.yyyy HH:mm:ss")
directive("custom", "regex ^\\S+ \\| (?<ts>[^|]+) \\|")
for _ in range(8):
    t = when(2026).replace(microsecond=0)
    level = pick("INFO", "WARN", "ERROR")
    add("custom", iso_s(t), level, "job-%d | %s | %s | exported 12 rows" % (rnd.randrange(99), t.strftime("%d.%m.%Y %H:%M:%S"), level))

# Lines without a time of their own: dates in the message body, versions, IPs, durations, continuation lines
NEGATIVES = [
    (None, "Started job at 2026-11-30 06:13:00 after 3 retries"),
    (None, "user 42 logged in from 10.0.0.7 at 2026-11-30T06:13:00Z"),
    (None, "Upgrading openssl from 3.0.2 to 3.0.13 (released 2024-01-30)"),
    (None, "version 2.10.3 built on Nov 30 06:13:00 by jenkins"),
    (None, "took 1500 ms, next run at 12:00:00"),
    (None, "\tat com.example.OrderService.place(OrderService.java:42)"),
    (None, "Caused by: java.io.IOException: stream closed at 2026-11-30 06:13:00"),
    (None, "GET /api/v1/items?since=2026-11-30T06:13:00Z 200 12ms"),
    (None, "10.0.0.7 connected, handshake 0.25s"),
    (None, "Processing 1234567890 records since 2026-11-30 06:13:00"),
    (None, "12345 records processed since 2026-11-30 06:13:00"),
    (None, "127.0.0.1:8080 listening since 2026-11-30 06:13:00"),
    (None, "Duration: 00:12:34.567, start: 0.000000, bitrate: 128 kb/s"),
    (None, "Copyright (c) 2005-2026 Example Corp."),
    (None, "2.10.3"),
    (None, "at 06:13:00 the nightly job ran for 2026 seconds"),
    (None, "20261130 is the build number, 11-30 the branch"),
    (None, "2026-11-30 is the release date"),
    (None, "Traceback (most recent call last):"),
    (None, "ValueError: invalid literal for int() with base 10: '2026-11-30 06:13:00'"),
    (None, "panic: runtime error: index out of range [5] with length 3"),
    (None, "goroutine 1 [running]:"),
    (None, "  File \"/srv/app/main.py\", line 12, in <module>"),
    (None, "    raise ValueError(\"2026-11-30 06:13:00\")"),
    ("INFO", "INFO  [main] Started at 2026-11-30 06:13:00 in 2.5 s"),
    ("WARN", "WARNING: 3 files older than 2026-11-01 00:00:00 were skipped"),
    (None, "E1130 disk full on /dev/sda1"),
    (None, "1.2.3.4 - - \"GET / HTTP/1.1\" 200 512"),
    (None, "[main] scheduled next run for Nov 30 06:13:00"),
    (None, "Listening on 0.0.0.0:9092 since Mon Nov 30 06:13:00 2026"),
    (None, "Retry 3/5 in 00:00:05"),
    (None, "checksum 4f2a 2026/11/30 06:13:00 mismatch"),
    (None, "user error count=0 after 2026-11-30T06:13:00Z"),
    (None, "Build 2026.11.30 06:13:00 promoted"),
]
for level, line in NEGATIVES:
    add("negatives", None, level, line)

for family, lines in files.items():
    with open(family + ".tsv", "w") as f:
        f.write("# generated by generate.py: expected instant, expected level, line (tab-separated)\n")
        f.write("\n".join(lines) + "\n")
print({k: len(v) for k, v in files.items()}, sum(len(v) for v in files.values()))
