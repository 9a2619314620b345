#!/usr/bin/env bash
# The event hop of issue 15, item 7, in one JVM: a command's write with its event in the outbox -> the outbox relay ->
# the broker -> a Spring Cloud Stream consumer's applied change, paced at 200 writes/s, the earlier settings against
# the present ones side by side (EventHopBenchmark in support/service; see bench/README.md, "The event hop"). The
# component tests' kinds of broker and store, no platform, no lock. Not part of ./mvnw verify. Extra arguments go to
# Maven, e.g. -Dkcdb.bench.hop.seconds=30 -Dkcdb.bench.hop.settings=before,after
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_run support/service EventHopBenchmark "$@"
grep -E '^window [0-9]+ ' "$bench_log" || true
bench_report '==== KCDB event hop ====' '^load average after'
