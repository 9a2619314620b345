#!/usr/bin/env bash
# The documents a write path's query examines on the local Mongo-wire store at 1 000, 10 000 and 100 000 documents,
# before and after the id lists (issue 15, items 2 and 3; see bench/README.md, "KCDB migration"). One JVM, no
# platform, no lock. Not part of ./mvnw verify. -Dkcdb.bench.requests= queries of each kind and size (100).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -ntp -q -pl infra/platform -am test -Dtest=StoreScanBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dkcdb.bench=true "$@" > target-bench-store-scan.log 2>&1 || { tail -60 target-bench-store-scan.log; exit 1; }
sed -n '/==== KCDB local store: documents examined/,/^load average after/p' target-bench-store-scan.log
rm -f target-bench-store-scan.log
