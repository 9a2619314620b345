#!/usr/bin/env bash
# The portal's pages through the gateway on the platform as ./kcdb up runs it, with 30 000 published CMCs: p50/p95/p99
# of the whole page for the public and the writer's pages (see bench/README.md). Builds what the platform runs (no
# install), under the e2e lock when another platform test may be running. Not part of ./mvnw verify.
# Extra arguments go to Maven, e.g. -Dkcdb.bench.records=10000
set -euo pipefail
cd "$(dirname "$0")/.."
flock /tmp/kcdb-e2e.lock ./mvnw -B -ntp -q -pl e2e -am verify -Dtest=PortalPageBenchmark \
  -Dsurefire.failIfNoSpecifiedTests=false -Dkcdb.bench=true "$@" \
  > target-bench-portal.log 2>&1 || { tail -60 target-bench-portal.log; exit 1; }
sed -n '/==== KCDB portal page benchmark ====/,/^load average after/p' target-bench-portal.log
rm -f target-bench-portal.log
