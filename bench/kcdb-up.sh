#!/usr/bin/env bash
# Issue 15 item 6 without the e2e lock (see bench/README.md, "Gateway and platform"): ./kcdb up as a developer runs it,
# started STARTS times (default 2: the first start after a build writes the class-data archives when it stops, the
# second maps them), each start's line of readiness (when each process was ready, the CPU seconds it used until
# then) and resident memory; after the last start, RECORDS migrated records (default 3 000) and bench/gateway.sh's
# load (bench/platform/KcdbUpLoad.java: the public search and a writer's list, directly and through the gateway, at
# 1 and 8 connections), with each process's resident memory and CPU seconds before and after it; at each ready and
# after the load, where each process's memory goes (bench/platform-memory.sh: heap, metaspace, code cache, threads).
# With KCDB_BENCH_PAGES=1, after the last start: the portal's and the comparison service's CPU per portal page
# (bench/page-cpu.sh), the processes on the client compiler only.
#   bench/kcdb-up.sh [STARTS] [RECORDS]
# Uses the checkout's .kcdb (its data is kept, as by ./kcdb up) and the ports of ./kcdb up (KCDB_*_PORT move them);
# builds what is missing first (package, no install). Not part of ./mvnw verify.
set -euo pipefail
cd "$(dirname "$0")/.."
starts=${1:-2}
records=${2:-3000}
mkdir -p .kcdb target
if [ ! -f .kcdb/build.stamp ] || [ ! -f gateway/target/gateway.jar ]; then
  ./mvnw -B -ntp -q -DskipTests package -pl infra/platform,gateway,portal,services/submission,services/review,services/comparison,services/publication,services/notification -am
  touch .kcdb/build.stamp
fi
log=target/kcdb-up-bench.log
for start in $(seq 1 "$starts"); do
  ./kcdb up > "$log" 2>&1 &
  up=$!
  until grep -q "^ready after" "$log" 2>/dev/null; do
    kill -0 "$up" 2>/dev/null || { tail -20 "$log"; exit 1; }
    sleep 2
  done
  echo "start $start (load average $(cut -d' ' -f1-3 /proc/loadavg)):"
  grep -E "^KCDB platform ready|^ready after" "$log"
  bench/platform-memory.sh "start $start at ready"
  if [ "$start" = "$starts" ] && [ -n "${KCDB_BENCH_PAGES:-}" ]; then
    # The client compiler's cost in the processes that run on it only (Java.compilers): their CPU per portal page.
    bench/page-cpu.sh portal "http://127.0.0.1:${KCDB_PORTAL_PORT:-8085}/search?keywords=voltage"
    bench/page-cpu.sh portal "http://127.0.0.1:${KCDB_PORTAL_PORT:-8085}/comparisons"
    bench/page-cpu.sh comparison "http://127.0.0.1:${KCDB_PORTAL_PORT:-8085}/comparisons"
  fi
  if [ "$start" = "$starts" ] && [ "$records" -gt 0 ]; then
    python3 - "$records" target/kcdb-up-records.json <<'PY'
import json, sys
count, out = int(sys.argv[1]), sys.argv[2]
data = json.load(open('../shared/data/kcdb-sample-cmcs-partial.json'))
partial = [dict(r) for group in data['partialRecords'].values() for r in group]
country = {'SIM': 'CA', 'APMP': 'JP', 'COOMET': 'BY', 'AFRIMETS': 'ZA', 'GULFMET': 'SA'}
def base36(n):
    digits = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'
    s = ''
    while n:
        n, r = divmod(n, 36)
        s = digits[r] + s
    return s
records = []
for i in range(2_000_000, 2_000_000 + count):
    r = json.loads(json.dumps(partial[i % len(partial)]))
    r.pop('_provenance', None)
    if isinstance(r.get('parameters'), list):
        r['parameters'] = [p for p in r['parameters'] if (p.get('parameterName') or '').strip()]
    rmo = r.get('rmo') or 'EURAMET'
    area = r.get('metrologyAreaLabel') or 'EM'
    r.update(id=20_000_000 + i, rmo=rmo, status='Published',
             kcdbCode='-'.join([rmo, area, country.get(rmo, 'DE'), '000' + base36(2_000_000 + i), '1']),
             publicationDate='2021-01-12', nmiCode=r.get('nmiCode') or 'NRC')
    records.append(r)
json.dump(records, open(out, 'w'))
PY
    java -cp infra/platform/target/classes bench/platform/KcdbUpLoad.java .kcdb target/kcdb-up-records.json "$records"
    bench/platform-memory.sh "start $start after the load"
  fi
  ./kcdb down > /dev/null || true  # under load the stop (and the archives it writes) can outlast its 120 s
  wait "$up" || true
done
