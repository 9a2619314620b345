#!/usr/bin/env bash
# Runs the search benchmark (bench/README.md). Not part of ./mvnw verify: surefire only picks up *Test classes,
# and the benchmark skips itself without -Dkcdb.bench=true.
# Extra arguments go to Maven, e.g. -Dkcdb.bench.records=20000 -Dkcdb.bench.seconds=5
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -o -q -pl services/publication -am test -Dtest=SearchBenchmark -Dkcdb.bench=true -Dsurefire.failIfNoSpecifiedTests=false \
  -Dsurefire.printSummary=true "$@"
cat services/publication/target/surefire-reports/org.bipm.kcdb.publication.web.SearchBenchmark-output.txt 2>/dev/null \
  | sed -n '/==== KCDB search benchmark ====/,$p' || true
