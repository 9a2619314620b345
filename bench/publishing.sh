#!/usr/bin/env bash
# The pipeline's last stage inside the publication service (see bench/README.md, "The consumers' side"):
# N cmc.approved events (default 2 000) through its consumer until the public search finds them all, once per
# setting given (each a quoted list of -D options, in one JVM each, one after the other), e.g.
#   bench/publishing.sh 2000 "" "-Dspring.cloud.stream.bindings.reviewEvents-in-0.consumer.concurrency=3"
# Not part of ./mvnw verify.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-2000}"; shift || true
[ $# -gt 0 ] || set -- ""
./mvnw -B -ntp -q -pl services/publication -am test-compile > target-bench-publishing.log 2>&1 \
  || { tail -50 target-bench-publishing.log; exit 1; }
for setting in "$@"; do
  echo "-- setting: ${setting:-(as configured)}"
  ./mvnw -B -ntp -q -pl services/publication -am test -Dtest=PublishingBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
    -Dkcdb.bench=true -DargLine="-Xmx512m -Dkcdb.outbox.interval=PT5S -Dkcdb.bench.approvals=$n $setting" \
    > target-bench-publishing.log 2>&1 || { tail -50 target-bench-publishing.log; exit 1; }
  sed -n '/==== publishing benchmark ====/,/^load average after/p' target-bench-publishing.log
done
rm -f target-bench-publishing.log
