#!/usr/bin/env bash
# The notification service under 10 000 review events: time from each event's publication to its message accepted
# by the SMTP server, p50/p95/p99 (see bench/README.md). The service as its component tests run it: the real broker
# and store, GreenMail in the JVM. Not part of ./mvnw verify.
# Extra arguments go to Maven, e.g. -Dkcdb.bench.events=2000 -Dkcdb.bench.rate=0
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -ntp -q -pl services/notification -am verify -Dtest=NotificationBenchmark \
  -Dsurefire.failIfNoSpecifiedTests=false -Dkcdb.bench=true "$@" \
  > target-bench-notifications.log 2>&1 || { tail -60 target-bench-notifications.log; exit 1; }
cat services/notification/target/surefire-reports/org.bipm.kcdb.notification.NotificationBenchmark-output.txt \
  2>/dev/null | sed -n '/==== KCDB notification benchmark ====/,/^load average after/p' \
  || sed -n '/==== KCDB notification benchmark ====/,/^load average after/p' target-bench-notifications.log
rm -f target-bench-notifications.log
