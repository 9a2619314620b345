#!/usr/bin/env bash
# What one write costs on the local Mongo-wire store as the collection grows (issue 15, item 3; see bench/README.md):
# conditional writes on the plain and the id-indexed H2 backend, the outbox relay's scan and its read by id.
# In one JVM, no platform, no lock. Not part of ./mvnw verify.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -ntp -q -pl infra/platform -am test -Dtest=StoreGrowthBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dkcdb.bench=true "$@" > target-bench-store.log 2>&1 || { tail -60 target-bench-store.log; exit 1; }
sed -n '/==== KCDB local store growth ====/,/^load average after/p' target-bench-store.log
rm -f target-bench-store.log
