#!/usr/bin/env bash
# The outbox relay one event at a time against a batch at once, side by side (issue 15; see bench/README.md): the
# migration benchmark (bench/kcdb-import.sh) run twice back to back, first with kcdb.outbox.in-flight=1 and the
# synchronous producer (each event sent, awaited and removed on its own, as before), then with the defaults (200
# events at the broker at once, removed in one bulk write). No platform, no lock. Not part of ./mvnw verify.
# Extra arguments go to Maven, e.g. -Dkcdb.bench.records=10000
set -euo pipefail
cd "$(dirname "$0")/.."
echo "==== one event at a time (kcdb.outbox.in-flight=1, sync producer) ===="
KCDB_BENCH_JVM="-Dkcdb.outbox.in-flight=1 -Dspring.cloud.stream.kafka.default.producer.sync=true" \
  bench/kcdb-import.sh "$@"
echo "==== a batch at once (kcdb.outbox.in-flight=200, the default) ===="
KCDB_BENCH_JVM="" bench/kcdb-import.sh "$@"
