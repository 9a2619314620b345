#!/usr/bin/env bash
# The local Mongo-wire store's CPU per command, by kind of command, before and after issue 15's store-cpu pass, side
# by side: two store JVMs as the platform starts them, the same commands on each (see bench/README.md, "The local
# store's CPU per command"). No platform, no lock. Not part of ./mvnw verify.
# Options: -Dkcdb.bench.records= -Dkcdb.bench.commands= -Dkcdb.bench.rounds= -Dkcdb.bench.jfr=before|after
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_run infra/platform StoreCommandBenchmark "$@"
bench_report '==== KCDB local store CPU per command ====' '^load average after'
