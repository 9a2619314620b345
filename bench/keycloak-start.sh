#!/usr/bin/env bash
# Keycloak alone, dev mode (as ./kcdb up starts it) against production mode built once (`kc.sh build`, then
# `start --optimized`), with the launcher's JVM options (KeycloakServer.JAVA_OPTS, no class-data archive): the CPU
# seconds and wall seconds to the realm's discovery document, and the resident size then (see bench/README.md,
# item 6, session 19). Two installs under DIR (default /tmp/kcdb-keycloak-start), each started ROUNDS times in turn
# after a first start that builds and imports the realm. No e2e lock (ports 18281 and 18282).
#   bench/keycloak-start.sh [ROUNDS] [DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-2}
dir=${2:-/tmp/kcdb-keycloak-start}
version=$(sed -n 's/.*<keycloak.version>\(.*\)<\/keycloak.version>.*/\1/p' pom.xml infra/platform/pom.xml | head -1)
zip=~/.m2/repository/org/keycloak/keycloak-quarkus-dist/$version/keycloak-quarkus-dist-$version.zip
export JAVA_OPTS="-XX:MetaspaceSize=96M -XX:MaxMetaspaceSize=256m -Dfile.encoding=UTF-8
  -Djava.security.egd=file:/dev/urandom -Xms32m -Xmx512m -XX:+UseSerialGC -XX:MinHeapFreeRatio=30
  -XX:MaxHeapFreeRatio=60 -XX:+ExitOnOutOfMemoryError -XX:TrimNativeHeapInterval=5000"
export KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin MALLOC_ARENA_MAX=2
for mode in dev optimized; do
  if [ ! -d "$dir/$mode" ]; then
    mkdir -p "$dir/$mode" && unzip -q "$zip" -d "$dir/$mode.tmp" && mv "$dir/$mode.tmp"/keycloak-*/* "$dir/$mode"
    rm -rf "$dir/$mode.tmp"
    mkdir -p "$dir/$mode/data/import" && cp infra/keycloak/kcdb-realm.json "$dir/$mode/data/import/"
  fi
done

start() { # MODE PORT
  local home=$dir/$1 port=$2 args
  args="--import-realm --http-host=127.0.0.1 --http-port=$port --hostname=http://127.0.0.1:$port"
  if [ "$1" = dev ]; then
    args="start-dev $args --health-enabled=false --metrics-enabled=false"
  else
    args="start --optimized --http-enabled=true --cache=local $args"
  fi
  local begin pid jvm
  begin=$(date +%s%N)
  bash "$home/bin/kc.sh" $args > "$home/start.log" 2>&1 &
  pid=$!
  until curl -sf "http://127.0.0.1:$port/realms/kcdb/.well-known/openid-configuration" > /dev/null; do
    kill -0 "$pid" 2> /dev/null || { echo "$1: did not start"; tail -5 "$home/start.log"; return 0; }
    sleep 0.2
  done
  jvm=$(pgrep -P "$pid" java || echo "$pid")  # kc.sh execs the JVM in dev mode, forks it with --optimized
  printf '%-9s ready %6.1f s wall, %5.1f CPU s, %4d MB resident (load average %s)\n' "$1" \
    "$(( ($(date +%s%N) - begin) / 1000000 ))e-3" "$(awk '{print ($14 + $15) / 100}' "/proc/$jvm/stat")" \
    "$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$jvm/status")" "$(cut -d' ' -f1 /proc/loadavg)"
  kill -TERM "$jvm"
  wait "$pid" || true
}

if [ ! -f "$dir/optimized/.built" ]; then
  begin=$(date +%s)
  bash "$dir/optimized/bin/kc.sh" build --db=dev-file --health-enabled=false --metrics-enabled=false \
    > "$dir/optimized/build.log" 2>&1
  touch "$dir/optimized/.built"
  echo "kc.sh build: $(( $(date +%s) - begin )) s (load average $(cut -d' ' -f1 /proc/loadavg))"
fi
echo "first starts (the realm imported; dev mode's own build step):"
[ -d "$dir/dev/data/h2" ] || start dev 18281
[ -d "$dir/optimized/data/h2" ] || start optimized 18282
for round in $(seq 1 "$rounds"); do
  echo "round $round:"
  start dev 18281
  start optimized 18282
done
