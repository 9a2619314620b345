#!/usr/bin/env bash
# Migration benchmark: 30 000 CMCs in the KCDB API's JSON through POST /api/kcdb/imports (see bench/README.md).
# Not part of ./mvnw verify. Extra arguments go to Maven, e.g. -Dkcdb.bench.records=5000 -Dkcdb.bench.uploads=5
# KCDB_BENCH_JVM adds options to the service's JVM, e.g. KCDB_BENCH_JVM=-Dkcdb.outbox.in-flight=1 (the relay as
# before issue 15: one event at a time); bench/relay-batch.sh runs both.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -o -q -pl services/publication -am test -Dtest=KcdbImportBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dkcdb.bench=true \
  -DargLine="-Xmx512m -Dkcdb.outbox.interval=PT5S ${KCDB_BENCH_JVM:-}" "$@" > target-bench-import.log 2>&1 || { tail -50 target-bench-import.log; exit 1; }
sed -n '/==== KCDB import benchmark ====/,/^load average after/p' target-bench-import.log
rm -f target-bench-import.log
