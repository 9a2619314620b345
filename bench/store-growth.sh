#!/usr/bin/env bash
# What one write costs on the local Mongo-wire store as the collection grows (issue 15, item 3; see bench/README.md):
# conditional writes on the plain and the id-indexed H2 backend, the outbox relay's scan and its read by id.
# In one JVM, no platform, no lock. Not part of ./mvnw verify.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_run infra/platform StoreGrowthBenchmark "$@"
bench_report '==== KCDB local store growth ====' '^load average after'
