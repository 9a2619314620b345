#!/usr/bin/env bash
# The heap the local Mongo-wire store holds for the search index's look at what changed, in one answer as before and
# paged by id as now (issue 15, items 3 and 5; see bench/README.md, "Search through the platform"). One JVM, no
# platform, no lock. Not part of ./mvnw verify. -Dkcdb.bench.documents= migrated records (30 000).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_run infra/platform StoreLookBenchmark "$@"
bench_report '==== KCDB local store: one look' '^load average after'
