#!/usr/bin/env bash
# The gateway as its own process, as the platform runs it, in front of a stand-in service (bench/gateway/
# StandInService.java: answers at once, serves the JWKS, signs a writer's token), side by side with the stand-in
# directly (bench/gateway/GatewayLoad.java, the LoadDriver of infra/platform). No Kafka, store, Keycloak or lock.
# Optionally an earlier build beside this one, measured in the same run with the same JVM options:
#   bench/gateway-standalone.sh [SECONDS] [BEFORE_JAR]
# KCDB_GATEWAY_OPTIONS and KCDB_BEFORE_OPTIONS add JVM options to one of the two only (e.g. the same jar twice, with
# and without a -D setting, also -Dreactor.netty.native=true: NIO is the default here, as on the platform);
# KCDB_BENCH_JAVA_OPTIONS goes to both.
# Prints each gateway's start (wall and CPU seconds), resident memory after the start and after the load, and each
# gateway's CPU per request at eight connections (its process's CPU time over windows of its own).
# Needs gateway/target/gateway.jar (or the jar named by KCDB_GATEWAY_JAR) and infra/platform/target/classes (./mvnw -pl gateway -am package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
before=${2:-}
work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
service_port=$(free_port)
# No Nagle on the stand-in: the JDK server writes headers and body apart (40 ms delayed ACKs otherwise).
java -Dsun.net.httpserver.nodelay=true bench/gateway/StandInService.java "$service_port" "$work/token" > "$work/stand-in.log" 2>&1 &
pids+=($!)
service="http://127.0.0.1:$service_port"
start_gateway() { # name jar port java-options...
  local name=$1 jar=$2 port=$3; shift 3
  env KCDB_SECURITY_ISSUER_URI="$service/realms/kcdb" \
      KCDB_SECURITY_JWK_SET_URI="$service/realms/kcdb/protocol/openid-connect/certs" \
      KCDB_GATEWAY_SUBMISSION_URI="$service" KCDB_GATEWAY_REVIEW_URI="$service" KCDB_GATEWAY_COMPARISON_URI="$service" \
      KCDB_GATEWAY_PUBLICATION_URI="$service" KCDB_GATEWAY_NOTIFICATION_URI="$service" KCDB_GATEWAY_PORTAL_URI="$service" \
      SERVER_PORT="$port" \
      java -Dreactor.netty.native=false "$@" ${KCDB_BENCH_JAVA_OPTIONS:-} -jar "$jar" > "$work/$name.log" 2>&1 &
  pids+=($!)
  echo $! > "$work/$name.pid"
  echo $SECONDS > "$work/$name.began"
}
cpu_seconds() { awk -v t="$(getconf CLK_TCK)" '{print ($14+$15)/t}' "/proc/$1/stat"; }
rss_mb() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$1/status"; }
await_ready() { # name port
  local began; began=$(cat "$work/$1.began")
  until curl -fs "http://127.0.0.1:$2/actuator/health" > /dev/null; do sleep 0.5; [ $((SECONDS - began)) -lt 300 ] || { cat "$work/$1.log"; exit 1; }; done
  local pid; pid=$(cat "$work/$1.pid")
  echo "$1: ready in $((SECONDS - began)) s, $(cpu_seconds "$pid") s CPU, $(rss_mb "$pid") MB resident"
}
echo "==== gateway, standalone (separate processes, stand-in service) ===="
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1); load average $(cut -d' ' -f1-3 /proc/loadavg)"
until [ -s "$work/token" ]; do sleep 0.2; done
port=$(free_port)
# As the launcher runs it (Java.heap, MALLOC_ARENA_MAX), without class-data sharing (the tests' platform).
MALLOC_ARENA_MAX=2 start_gateway gateway "${KCDB_GATEWAY_JAR:-$PWD/gateway/target/gateway.jar}" "$port" \
  -Xms32m -Xmx256m -XX:+UseSerialGC -XX:MinHeapFreeRatio=30 -XX:MaxHeapFreeRatio=60 ${KCDB_GATEWAY_OPTIONS:-}
gateways=("this=http://127.0.0.1:$port@$(cat "$work/gateway.pid")")
if [ -n "$before" ]; then
  before_port=$(free_port)
  # With the same options, so that only the builds differ.
  MALLOC_ARENA_MAX=2 start_gateway before "$before" "$before_port" \
    -Xms32m -Xmx256m -XX:+UseSerialGC -XX:MinHeapFreeRatio=30 -XX:MaxHeapFreeRatio=60 ${KCDB_BEFORE_OPTIONS:-}
  gateways+=("before=http://127.0.0.1:$before_port@$(cat "$work/before.pid")")
  await_ready before "$before_port"
fi
await_ready gateway "$port"
java -cp infra/platform/target/classes bench/gateway/GatewayLoad.java "$service" "$work/token" "$seconds" "${gateways[@]}"
for name in gateway before; do
  [ -f "$work/$name.pid" ] && echo "$name after the load: $(rss_mb "$(cat "$work/$name.pid")") MB resident, $(cpu_seconds "$(cat "$work/$name.pid")") s CPU in all"
done
echo "==== end ===="
