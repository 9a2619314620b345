#!/usr/bin/env bash
# The documents a write path's query examines on the local Mongo-wire store at 1 000, 10 000 and 100 000 documents,
# before and after the id lists (issue 15, items 2 and 3; see bench/README.md, "KCDB migration"). One JVM, no
# platform, no lock. Not part of ./mvnw verify. -Dkcdb.bench.requests= queries of each kind and size (100).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_run infra/platform StoreScanBenchmark "$@"
bench_report '==== KCDB local store: documents examined' '^load average after'
