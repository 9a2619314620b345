#!/usr/bin/env bash
# Search through the gateway and directly, on the platform as ./kcdb up runs it, with 100 000 published CMCs
# (see bench/README.md). Builds the service jars first. Not part of ./mvnw verify.
# Extra arguments go to Maven, e.g. -Dkcdb.bench.records=20000
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -o -q -DskipTests install > /dev/null
./mvnw -o -q -pl e2e test -Dtest=PlatformSearchBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dkcdb.bench=true "$@" \
  > target-bench-platform.log 2>&1 || { tail -60 target-bench-platform.log; exit 1; }
sed -n '/==== KCDB platform search benchmark ====/,/^$/p' target-bench-platform.log | head -20
rm -f target-bench-platform.log
