#!/usr/bin/env bash
# The review service's two pipeline stages in one JVM, before and after side by side (see bench/README.md, "The
# review's consumer and bulk commands"): N cmc.submitted (default 2 000) until every case is opened, then the five
# other RMOs' chairs' bulk intents and approvals. Extra -D options as further arguments, e.g. a JFR recording:
#   bench/review.sh 2000 "-XX:StartFlightRecording=filename=$PWD/review.jfr,settings=profile"
# Not part of ./mvnw verify; no platform, no e2e lock.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-2000}"; shift || true
log=target-bench-review.log
./mvnw -B -ntp -q -pl services/review -am test -Dtest=ReviewBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dkcdb.bench=true -DargLine="-Xmx768m -Dkcdb.outbox.interval=PT5S -Dkcdb.bench.cmcs=$n $*" \
  > "$log" 2>&1 || { tail -80 "$log"; exit 1; }
grep "^\[review benchmark\]" "$log" || true
sed -n '/==== review benchmark ====/,/^load average after/p' "$log"
rm -f "$log"
