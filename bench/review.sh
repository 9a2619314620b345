#!/usr/bin/env bash
# The review service's two pipeline stages in one JVM, before and after side by side (see bench/README.md, "The
# review's consumer and bulk commands"): N cmc.submitted (default 2 000) until every case is opened, then the five
# other RMOs' chairs' bulk intents and approvals. Extra -D options as further arguments, e.g. a JFR recording:
#   bench/review.sh 2000 "-XX:StartFlightRecording=filename=$PWD/review.jfr,settings=profile"
# The case openings alone, paced, each event alone against a poll's run at once (bench/README.md, "The review's case
# openings a run at a time"; N is then unused):
#   bench/review.sh 0 -Dkcdb.bench.opening=true -Dkcdb.bench.opening.rate=200 -Dkcdb.bench.opening.seconds=10
# Not part of ./mvnw verify; no platform, no e2e lock.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
n="${1:-2000}"; shift || true
bench_run services/review ReviewBenchmark -DargLine="-Xmx768m -Dkcdb.outbox.interval=PT5S -Dkcdb.bench.cmcs=$n $*"
grep "^\[review benchmark\]" "$bench_log" || true
bench_report '==== review benchmark ====' '^load average after'
