#!/usr/bin/env bash
# Issue 15 item 6, per process: one Spring Boot jar started alone as ./kcdb up starts it (extracted, with its
# class-data archive, Java.heap's options, MALLOC_ARENA_MAX=2), under several JVM/Spring variants taken in turn each
# round, so that the machine's load drifts over all of them alike. For each start: the wall and CPU seconds (utime +
# stime of /proc/<pid>/stat, every thread) until /actuator/health says UP, split by thread (C1, C2, the VM thread
# where the serial collector runs, main, the rest), the collections until then and the resident size; then the first
# request's time and the CPU it cost, and the CPU per request after a warm-up. A service gets its own Kafka broker
# and Mongo-wire store (free ports, a temporary directory); the gateway needs neither. No Keycloak, no e2e lock.
#   bench/service-start.sh SERVICE ROUNDS NAME=OPTIONS...
#   bench/service-start.sh publication 3 base= lazy=-Dspring.main.lazy-initialization=true
# WARM and MEASURED (2 000 each by default): the requests before and during the steady-state measure.
# SERVICE: submission, review, comparison, publication, notification, gateway. OPTIONS (space-separated) come after
# the launcher's own. Needs the jar built and infra/platform/target/{classes,lib} (./mvnw -pl infra/platform,... -am
# package -DskipTests). The archive is written once, by a start with the first variant's options, stopped cleanly.
set -euo pipefail
cd "$(dirname "$0")/.."
service=$1
rounds=$2
shift 2
variants=("$@")
case "$service" in
  gateway) boot="$PWD/gateway/target/gateway.jar" ;;
  *) boot="$PWD/services/$service/target/$service-service.jar" ;;
esac
[ -f "$boot" ] || { echo "$boot is missing: build it first" >&2; exit 1; }
work=$(mktemp -d "/tmp/service-start-$service.XXXX")
pids=()
# KEEP=1 keeps the logs (the directory is printed).
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; sleep 1; [ -n "${KEEP:-}" ] && echo "logs: $work" || rm -rf "$work"' EXIT
cp="$PWD/infra/platform/target/classes:$PWD/infra/platform/target/lib/*"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
cpu_seconds() { awk -v t="$(getconf CLK_TCK)" '{printf "%.2f", ($14+$15)/t}' "/proc/$1/stat"; }
# The CPU seconds of the process's threads by kind: the JIT compilers, the VM thread (the serial collector's
# collections run there), main, the rest.
threads() {
  local pid=$1 t; t=$(getconf CLK_TCK)
  for task in /proc/"$pid"/task/*; do
    awk -v t="$t" '{ match($0, /\(.*\)/); name = substr($0, RSTART + 1, RLENGTH - 2); rest = substr($0, RSTART + RLENGTH + 1)
      split(rest, f, " "); print name "\t" (f[12] + f[13]) / t }' "$task/stat" 2>/dev/null
  done | awk -F'\t' '{ k = $1 ~ /^C1 CompilerThre/ ? "c1" : $1 ~ /^C2 CompilerThre/ ? "c2" : $1 == "VM Thread" ? "gc" : $1 == "main" || $1 == "java" ? "main" : "other"; s[k] += $2 }
    END { printf "C1 %.1f C2 %.1f VM %.1f main %.1f other %.1f", s["c1"], s["c2"], s["gc"], s["main"], s["other"] }'
}
# Collections until now (jstat reads the JVM's perf data, no attach): young, full, their seconds.
collections() {
  jstat -gc "$1" 2>/dev/null | awk 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i }
    NR == 2 { printf "%d young %d full %.2f s", $c["YGC"], $c["FGC"], $c["GCT"] }'
}
rss_mb() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$1/status"; }
heap=(-Xms32m -Xmx256m -XX:+UseSerialGC -XX:MinHeapFreeRatio=30 -XX:MaxHeapFreeRatio=60 -XX:TrimNativeHeapInterval=5000)
env_vars=(MALLOC_ARENA_MAX=2 KCDB_SECURITY_ISSUER_URI=http://127.0.0.1:9/realms/kcdb)
if [ "$service" != gateway ]; then
  kafka=$(free_port); controller=$(free_port); mongo=$(free_port)
  mkdir -p "$work/kafka-logs"
  cat > "$work/kafka.properties" <<EOF
process.roles=broker,controller
node.id=1
listeners=PLAINTEXT://127.0.0.1:$kafka,CONTROLLER://127.0.0.1:$controller
advertised.listeners=PLAINTEXT://127.0.0.1:$kafka
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
controller.quorum.bootstrap.servers=127.0.0.1:$controller
log.dirs=$work/kafka-logs
num.partitions=12
offsets.topic.replication.factor=1
offsets.topic.num.partitions=12
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
log.cleaner.dedupe.buffer.size=8388608
EOF
  java -cp "$cp" kafka.tools.StorageTool format -t "$(python3 -c 'import uuid; print(uuid.uuid4().hex[:22])')" \
    -c "$work/kafka.properties" --standalone > "$work/kafka-format.log" 2>&1
  MALLOC_ARENA_MAX=2 java "${heap[@]/-Xmx256m/-Xmx512m}" -cp "$cp" kafka.Kafka "$work/kafka.properties" > "$work/kafka.log" 2>&1 &
  pids+=($!)
  MALLOC_ARENA_MAX=2 java "${heap[@]/-Xmx256m/-Xmx512m}" -cp "$cp" org.bipm.kcdb.platform.MongoWireServer "$mongo" "$work/mongo.mv" > "$work/mongo.log" 2>&1 &
  pids+=($!)
  until (echo > "/dev/tcp/127.0.0.1/$kafka") 2>/dev/null && (echo > "/dev/tcp/127.0.0.1/$mongo") 2>/dev/null; do sleep 1; done
  env_vars+=(SPRING_MONGODB_URI="mongodb://127.0.0.1:$mongo/kcdb-$service" SPRING_CLOUD_STREAM_KAFKA_BINDER_BROKERS="127.0.0.1:$kafka"
    KCDB_SEARCH_CATCH_UP_INTERVAL=PT30S KCDB_OUTBOX_INTERVAL=PT5S SPRING_MAIL_HOST=127.0.0.1 SPRING_MAIL_PORT=9
    KCDB_DIRECTORY_KEYCLOAK_URL=http://127.0.0.1:9 KCDB_DIRECTORY_REALM=kcdb KCDB_DIRECTORY_CLIENT_ID=x KCDB_DIRECTORY_CLIENT_SECRET=x)
fi
extracted="$work/cds"
java -Djarmode=tools -jar "$boot" extract --destination "$extracted" > /dev/null
jar="$extracted/$(basename "$boot")"
archive="$extracted/classes.jsa"
port=$(free_port)
first_request() { # prints: milliseconds status
  case "$service" in
    publication) curl -s -o /dev/null -w '%{time_total} %{http_code}' -H 'Content-Type: application/json' \
      -d '{"page":0,"pageSize":20,"keywords":"mass"}' "http://127.0.0.1:$port/api/kcdb/cmc/searchData/quickSearch" ;;
    *) curl -s -o /dev/null -w '%{time_total} %{http_code}' "http://127.0.0.1:$port/actuator/prometheus" ;;
  esac | awk '{printf "%.0f %s", $1 * 1000, $2}'
}
# COUNT requests on one connection: the public search (publication), else the health.
requests() { # count
  python3 - "$port" "$service" "$1" <<'PY'
import http.client, json, sys
port, service, count = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
c = http.client.HTTPConnection('127.0.0.1', port)
body = json.dumps({'page': 0, 'pageSize': 20, 'keywords': 'mass'})
for i in range(count):
    if service == 'publication':
        c.request('POST', '/api/kcdb/cmc/searchData/quickSearch', body, {'Content-Type': 'application/json'})
    else:
        c.request('GET', '/actuator/health')
    c.getresponse().read()
PY
}
# The steady state: WARM requests, then the CPU milliseconds per request of MEASURED more.
steady() { # pid
  local before after
  requests "$WARM"
  before=$(cpu_seconds "$1")
  requests "$MEASURED"
  after=$(cpu_seconds "$1")
  awk -v a="$after" -v b="$before" -v n="$MEASURED" 'BEGIN {printf "%.2f", (a - b) * 1000 / n}'
}
WARM=${WARM:-2000}
MEASURED=${MEASURED:-2000}
run() { # name options... ; prints one line
  local name=$1; shift
  local began=$SECONDS
  env "${env_vars[@]}" SERVER_PORT="$port" java "${heap[@]}" -Dreactor.netty.native=false "$@" -jar "$jar" \
    > "$work/$name.log" 2>&1 &
  local pid=$!
  pids+=($pid)
  until curl -fs "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep -q '"UP"'; do
    kill -0 "$pid" 2>/dev/null || { tail -30 "$work/$name.log"; exit 1; }
    sleep 0.2
  done
  local ready_cpu wall; ready_cpu=$(cpu_seconds "$pid"); wall=$((SECONDS - began))
  local rss; rss=$(rss_mb "$pid")
  local split; split=$(threads "$pid")
  local gcs; gcs=$(collections "$pid")
  local request; request=$(first_request)
  local after; after=$(cpu_seconds "$pid")
  local per_request; per_request=$(steady "$pid")
  printf '%-12s ready %4d s  %6.2f CPU s (%s; GC %s)  %4d MB | first request %s ms (HTTP %s), %5.2f CPU s | steady %s CPU ms/request | load %s\n' \
    "$name" "$wall" "$ready_cpu" "$split" "$gcs" "$rss" ${request% *} ${request#* } "$(awk -v a="$after" -v r="$ready_cpu" 'BEGIN {print a - r}')" "$per_request" "$(cut -d' ' -f1 /proc/loadavg)"
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
}
echo "$service: $(nproc) cores, $(java -version 2>&1 | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)"
first_options=${variants[0]#*=}
# shellcheck disable=SC2086
run archive -XX:ArchiveClassesAtExit="$archive" -Xlog:cds=off $first_options > /dev/null
[ -s "$archive" ] || { echo "no archive written" >&2; exit 1; }
for round in $(seq 1 "$rounds"); do
  for variant in "${variants[@]}"; do
    # shellcheck disable=SC2086
    run "${variant%%=*}" -XX:SharedArchiveFile="$archive" ${variant#*=}
  done
done
