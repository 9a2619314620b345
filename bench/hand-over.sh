#!/usr/bin/env bash
# The submission's migration hand-over alone (see bench/README.md, "KCDB migration"): N cmc.migrated (default
# 10 000) on the test broker, timed until the service has adopted every one, with the CPU of the service's JVM and of
# the platform's store (a JVM of its own) per announcement. Extra -D options as further arguments, e.g. a JFR recording:
#   bench/hand-over.sh 10000 "-XX:StartFlightRecording=filename=$PWD/hand-over.jfr,settings=profile"
# Not part of ./mvnw verify; no platform, no e2e lock.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
n="${1:-10000}"; shift || true
bench_run services/submission HandOverBenchmark -DargLine="-Xmx768m -Dkcdb.bench.records=$n $*"
bench_report '==== hand-over benchmark ====' '^load average after'
