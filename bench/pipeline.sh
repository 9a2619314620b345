#!/usr/bin/env bash
# The pipeline benchmark (issue 15, item 2; see bench/README.md): on a fresh platform as ./kcdb up runs it, N CMCs
# from the shared sample records imported as drafts from CSV, bulk-submitted, approved by their RMOs' chairs, declared
# and approved by every other RMO, published and found by the public search; one table of stages. Builds what the
# platform runs (no install), under the e2e lock. Not part of ./mvnw verify.
# Size: bench/pipeline.sh 30000 (the default); further arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
CMCS="${1:-30000}"
[ $# -gt 0 ] && shift
# Built before taking the lock, so that the lock is held only while the platform runs.
./mvnw -B -ntp -q -pl e2e -am package -DskipTests > target-bench-pipeline.log 2>&1 || { tail -80 target-bench-pipeline.log; exit 1; }
flock /tmp/kcdb-e2e.lock ./mvnw -B -ntp -q -pl e2e -am verify -Dtest='PlatformBenchmarks#pipeline' \
  -Dsurefire.failIfNoSpecifiedTests=false -Dkcdb.bench=true -Dkcdb.bench.pipeline.cmcs="$CMCS" "$@" \
  >> target-bench-pipeline.log 2>&1 || { tail -80 target-bench-pipeline.log; exit 1; }
sed -n '/==== KCDB platform benchmarks ====/,/==== end ====/p' target-bench-pipeline.log
rm -f target-bench-pipeline.log
