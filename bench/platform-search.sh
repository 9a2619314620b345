#!/usr/bin/env bash
# Search through the gateway and directly, on the platform as ./kcdb up runs it, with 100 000 published CMCs
# (see bench/README.md). Builds the service jars first. Not part of ./mvnw verify.
# Under the e2e lock (fixed ports), taken only once the jars are built. Extra arguments go to Maven, e.g.
# -Dkcdb.bench.records=20000 -Dkcdb.bench.uploads=5
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -o -q -DskipTests install > /dev/null
rm -rf e2e/target/bench-platform # the platform's data: the migration runs from an empty store
flock /tmp/kcdb-e2e.lock ./mvnw -o -q -pl e2e test -Dtest=PlatformSearchBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dkcdb.bench=true "$@" \
  > target-bench-platform.log 2>&1 || { tail -60 target-bench-platform.log; exit 1; }
grep -h '^\[bench\]' target-bench-platform.log || true
sed -n '/==== KCDB platform search benchmark ====/,/^$/p' target-bench-platform.log | head -60
rm -f target-bench-platform.log
