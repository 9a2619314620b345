#!/usr/bin/env bash
# What one event costs an outbox relay at the broker: synchronous keyed sends, linger.ms 5 against 0, side by side
# (issue 15, the pipeline's event hops; see bench/README.md). The broker of the component tests, no platform, no lock.
# Not part of ./mvnw verify. Extra arguments go to Maven, e.g. -Dkcdb.bench.events=2000
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_run support/test SynchronousSendBenchmark "$@"
bench_report '==== KCDB synchronous send ====' '^load average after'
