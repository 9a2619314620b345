#!/usr/bin/env bash
# What one event costs an outbox relay at the broker: synchronous keyed sends, linger.ms 5 against 0, side by side
# (issue 15, the pipeline's event hops; see bench/README.md). The broker of the component tests, no platform, no lock.
# Not part of ./mvnw verify. Extra arguments go to Maven, e.g. -Dkcdb.bench.events=2000
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -ntp -q -pl support/test -am test -Dtest=SynchronousSendBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dkcdb.bench=true "$@" > target-bench-send.log 2>&1 || { tail -60 target-bench-send.log; exit 1; }
sed -n '/==== KCDB synchronous send ====/,/^load average after/p' target-bench-send.log
rm -f target-bench-send.log
