#!/usr/bin/env python3
# Sorts the CPU samples of a JFR recording of the bench server into the categories of docs/performance.md:
#   jfr print --events jdk.ExecutionSample --stack-depth 64 send.jfr | bench/profile-categories.py
# Only the batch threads (the send partitions) count; a sample goes to the first category its stack shows from the top.
import sys, re, collections
cats = [
 ("database (H2, JDBC, JPA)", re.compile(r"org\.h2\.|org\.hibernate\.|io\.agroal|org\.jboss\.jca|org\.jboss\.as\.connector|java\.sql\.|org\.postgresql")),
 ("SMTP (socket I/O, protocol)", re.compile(r"SMTPTransport|java\.net\.|sun\.nio\.ch|java\.io\.BufferedOutputStream|LineOutputStream|TraceOutputStream|CRLFOutputStream|SMTPOutputStream")),
 ("MIME (compose, encode)", re.compile(r"jakarta\.mail\.|org\.eclipse\.angus\.mail\.util|jakarta\.activation|org\.eclipse\.angus\.activation|io\.herald\.mail\.MessageComposer")),
 ("render (mustache)", re.compile(r"com\.github\.mustachejava|io\.herald\.template")),
 ("DKIM / headers / tokens", re.compile(r"io\.herald\.deliverability|org\.simplejavamail|javax\.crypto|sun\.security")),
 ("batch runtime (JBeret, checkpoints, tx)", re.compile(r"org\.jberet|com\.arjuna|org\.jboss\.weld|org\.wildfly\.transaction")),
]
counts = collections.Counter(); total = 0
thread_re = re.compile(r'sampledThread = "([^"]*)"')
for block in sys.stdin.read().split("jdk.ExecutionSample")[1:]:
    m = thread_re.search(block)
    if not m or not (m.group(1).startswith("Batch Thread") or "EE-Managed" in m.group(1)):
        continue
    frames = [l.strip() for l in block.split("stackTrace = [",1)[-1].split("\n")[1:] if l.strip() and l.strip() != "]" and not l.strip().startswith("}")]
    total += 1
    cat = "other"
    for f in frames:
        hit = next((name for name, rx in cats if rx.search(f)), None)
        if hit: cat = hit; break
    counts[cat] += 1
for k, v in counts.most_common():
    print(f"{k:45s} {v:6d} {100.0*v/max(total,1):5.1f} %")
print("samples of batch threads:", total)
