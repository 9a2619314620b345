#!/usr/bin/env bash
# Issue 15 items 4 and 6 (see bench/README.md, "Gateway and platform"): the platform's start time and resident memory,
# then the gateway against the services behind it, side by side with one Java load driver (public quick search,
# a writer's CMC list; 1 and 8 connections). Builds what the platform runs (no install), then takes the e2e lock.
#   bench/gateway.sh                 # on the platform (GatewayBenchmarks, e2e)
#   bench/gateway.sh --component     # the gateway alone in front of a stand-in service (GatewayBenchmark), no lock
# Extra Maven arguments follow, e.g. -Dkcdb.bench.seconds=5 -Dkcdb.bench.gateway.records=3000, or a JFR recording:
#   bench/gateway.sh --component "-DargLine=-XX:StartFlightRecording=filename=$PWD/gateway.jfr,settings=profile"
# Not part of ./mvnw verify.
set -euo pipefail
cd "$(dirname "$0")/.."
log=target-bench-gateway.log
if [ "${1:-}" = "--component" ]; then
  shift
  ./mvnw -B -ntp -q -pl gateway -am verify -Dtest=GatewayBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
    -Dkcdb.bench=true "$@" > "$log" 2>&1 || { tail -80 "$log"; exit 1; }
  sed -n '/==== gateway, component/,/==== end ====/p' "$log"
else
  # Built before taking the lock, so that the lock is held only while the platform runs.
  ./mvnw -B -ntp -q -pl e2e -am package -DskipTests > "$log" 2>&1 || { tail -80 "$log"; exit 1; }
  flock /tmp/kcdb-e2e.lock ./mvnw -B -ntp -q -pl e2e -am verify -Dtest=GatewayBenchmarks \
    -Dsurefire.failIfNoSpecifiedTests=false -Dkcdb.bench=true "$@" >> "$log" 2>&1 || { tail -80 "$log"; exit 1; }
  sed -n '/==== KCDB gateway benchmark/,/==== end ====/p' "$log"
fi
rm -f "$log"
