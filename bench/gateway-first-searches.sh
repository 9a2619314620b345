#!/usr/bin/env bash
# A freshly started gateway (as the platform starts it) in front of the stand-in service answering a quick search's
# size (KCDB_STANDIN_RECORDS, default 125: about 25 kB), timed as PlatformSearchBenchmark times a query, ROUNDS times
# in a row (bench/gateway/FirstSearches.java): whether the first-timed query through the gateway pays the gateway's
# warm-up. No Kafka, store, Keycloak or lock.
#   bench/gateway-first-searches.sh [ROUNDS]
# Needs gateway/target/gateway.jar (./mvnw -pl gateway -am package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-6}
work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
service_port=$(free_port)
KCDB_STANDIN_RECORDS=${KCDB_STANDIN_RECORDS:-125} java -Dsun.net.httpserver.nodelay=true \
  bench/gateway/StandInService.java "$service_port" "$work/token" > "$work/stand-in.log" 2>&1 &
pids+=($!)
service="http://127.0.0.1:$service_port"
until [ -s "$work/token" ]; do sleep 0.2; done
port=$(free_port)
env KCDB_SECURITY_ISSUER_URI="$service/realms/kcdb" \
    KCDB_SECURITY_JWK_SET_URI="$service/realms/kcdb/protocol/openid-connect/certs" \
    KCDB_GATEWAY_SUBMISSION_URI="$service" KCDB_GATEWAY_REVIEW_URI="$service" KCDB_GATEWAY_COMPARISON_URI="$service" \
    KCDB_GATEWAY_PUBLICATION_URI="$service" KCDB_GATEWAY_NOTIFICATION_URI="$service" KCDB_GATEWAY_PORTAL_URI="$service" \
    SERVER_PORT="$port" MALLOC_ARENA_MAX=2 \
    java -Xms32m -Xmx256m -XX:+UseSerialGC -XX:MinHeapFreeRatio=30 -XX:MaxHeapFreeRatio=60 -Dreactor.netty.native=false \
    -jar "${KCDB_GATEWAY_JAR:-$PWD/gateway/target/gateway.jar}" > "$work/gateway.log" 2>&1 &
pids+=($!)
until curl -fs "http://127.0.0.1:$port/actuator/health" > /dev/null; do sleep 0.5; done
echo "gateway ready; load average $(cut -d' ' -f1-3 /proc/loadavg); answer $(curl -s -o /dev/null -w '%{size_download}' -X POST -H 'Content-Type: application/json' -d '{}' "http://127.0.0.1:$port/api/kcdb/cmc/searchData/quickSearch") bytes"
java bench/gateway/FirstSearches.java "http://127.0.0.1:$port" "$service" "$rounds"
echo "load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
