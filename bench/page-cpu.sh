#!/usr/bin/env bash
# One process's CPU per request on a running ./kcdb up (issue 15 item 6: whether a JVM option slows a process's steady
# state): WARM requests first, then N timed ones in sequence, one connection; prints the median and p95 of the whole
# answer as curl sees it, and the CPU ms per request the named process (with its children) used over the timed ones.
#   bench/page-cpu.sh PROCESS URL [N] [WARM]    e.g. bench/page-cpu.sh portal 'http://127.0.0.1:8080/search?keywords=voltage'
set -euo pipefail
cd "$(dirname "$0")/.."
process=$1 url=$2 n=${3:-300} warm=${4:-100}
pid=$(sed -n "s/^$process\.pid=//p" .kcdb/platform.pid)
ticks() { awk '{s+=$14+$15} END {print s}' /proc/"$pid"/stat $(pgrep -P "$pid" | sed 's|.*|/proc/&/stat|'); }
for _ in $(seq "$warm"); do curl -s -o /dev/null "$url"; done
before=$(ticks)
times=$(for _ in $(seq "$n"); do curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "$url"; done)
after=$(ticks)
echo "$times" | awk -v n="$n" -v p="$process" -v u="$url" -v cpu=$(( (after - before) * 1000 / $(getconf CLK_TCK) )) \
  -v load="$(cut -d' ' -f1-3 /proc/loadavg)" '
  { codes[$1]++; t[NR] = $2 * 1000 }
  END { asort(t); printf "%s %s: p50 %.1f ms, p95 %.1f ms, %s CPU ms per request (%d requests; HTTP", p, u, t[int(n/2)], t[int(n*0.95)], sprintf("%.2f", cpu / n), n;
        for (c in codes) printf " %s x%d", c, codes[c]; printf "); load average %s\n", load }'
