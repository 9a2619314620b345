#!/usr/bin/env bash
# Scale-out on the test platform (issue 16, item 6; see docs/operations.md): a second instance of each service and a
# gateway over both join the running platform; partitions split, each event applied once, unique KCDB codes under
# concurrent approvals, the same search hits on both publication instances (ScaleOutEndToEndTest, e2e). About three
# minutes after the platform's start. Builds what the platform runs (no install), under the e2e lock. Not part of
# ./mvnw verify. Further arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
log=target-bench-scale-out.log
# Built before taking the lock, so that the lock is held only while the platform runs.
./mvnw -B -ntp -q -pl e2e -am package -DskipTests > "$log" 2>&1 || { tail -80 "$log"; exit 1; }
flock /tmp/kcdb-e2e.lock ./mvnw -B -ntp -pl e2e -am verify -Dtest=ScaleOutEndToEndTest \
  -Dsurefire.failIfNoSpecifiedTests=false -Dkcdb.bench=true "$@" >> "$log" 2>&1 || { tail -80 "$log"; exit 1; }
grep -E '^\[e2e\]|Tests run:' "$log"
rm -f "$log"
