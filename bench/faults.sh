#!/usr/bin/env bash
# The fault-injection suite (issue 16, item 7; see bench/README.md): on a fresh platform as ./kcdb up runs it, N CMC
# workflows (default 2000) from draft to published in nine waves while, one per wave, each service and the gateway
# are killed with -9 and started again, the Kafka broker is killed with -9 and started again, the Mongo-wire store is
# restarted and Keycloak is stopped for 30 s; then checks every CMC published once with its own KCDB code, the
# events per type on the topics, the dead-letter topics and an RMO's webhook, and prints one table. Builds what the
# platform runs (no install), under the e2e lock. Not part of ./mvnw verify (FaultInjectionTest is its short version).
# Size: bench/faults.sh 2000 (the default); further arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
CMCS="${1:-2000}"
[ $# -gt 0 ] && shift
# Built before taking the lock, so that the lock is held only while the platform runs.
./mvnw -B -ntp -q -pl e2e -am package -DskipTests > target-bench-faults.log 2>&1 || { tail -80 target-bench-faults.log; exit 1; }
flock /tmp/kcdb-e2e.lock ./mvnw -B -ntp -q -pl e2e -am verify -Dtest='PlatformFaults' \
  -Dsurefire.failIfNoSpecifiedTests=false -Dkcdb.bench=true -Dkcdb.bench.faults.cmcs="$CMCS" "$@" \
  >> target-bench-faults.log 2>&1 || { sed -n '/==== KCDB fault injection ====/,/==== end ====/p' target-bench-faults.log; tail -80 target-bench-faults.log; exit 1; }
sed -n '/==== KCDB fault injection ====/,/==== end ====/p' target-bench-faults.log
rm -f target-bench-faults.log
