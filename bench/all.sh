#!/usr/bin/env bash
# The platform benchmarks of issue 15 on one fresh platform as ./kcdb up runs it, one report (see bench/README.md):
# the pipeline (item 2), the event hop (item 7) and the migration onto a growing store (item 3), with the machine,
# its load average before and after, each figure against its target; then on the same platform the gateway against
# the services side by side (item 4), with the platform's start and its memory at ready and after all of it (item 6). Builds what the platform runs (no install),
# under the e2e lock. Not part of ./mvnw verify.
# Sizes (defaults are the issue's): KCDB_BENCH_CMCS=30000 KCDB_BENCH_HOP_SECONDS=15 KCDB_BENCH_MIGRATION=30000
# bench/all.sh [Maven arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
begin=$(date +%s)
# Built before taking the lock, so that the lock is held only while the platform runs.
./mvnw -B -ntp -q -pl e2e -am package -DskipTests > target-bench-all.log 2>&1 || { tail -80 target-bench-all.log; exit 1; }
# PlatformBenchmarks first (reverse alphabetical), so that the memory after the gateway's load is after everything.
flock /tmp/kcdb-e2e.lock ./mvnw -B -ntp -q -pl e2e -am verify -Dtest='PlatformBenchmarks,GatewayBenchmarks' \
  -Dsurefire.runOrder=reversealphabetical -Dsurefire.failIfNoSpecifiedTests=false -Dkcdb.bench=true \
  -Dkcdb.bench.pipeline.cmcs="${KCDB_BENCH_CMCS:-30000}" -Dkcdb.bench.hop.seconds="${KCDB_BENCH_HOP_SECONDS:-15}" \
  -Dkcdb.bench.migration.records="${KCDB_BENCH_MIGRATION:-30000}" "$@" \
  >> target-bench-all.log 2>&1 && rc=0 || rc=$?
# The reports first, also when Maven failed: a fork that does not say goodbye in time after the last benchmark (the
# platform's eleven processes stopping) fails the build but not the figures.
sed -n '/==== KCDB platform benchmarks ====/,/==== end ====/p' target-bench-all.log
sed -n '/==== KCDB gateway benchmark/,/==== end ====/p' target-bench-all.log
grep -h '^\[e2e\]' target-bench-all.log || true
echo "bench/all.sh took $(( $(date +%s) - begin )) s (build, platform start and the benchmarks)"
if [ "$rc" -ne 0 ]; then
  tail -80 target-bench-all.log
  exit "$rc"
fi
rm -f target-bench-all.log
