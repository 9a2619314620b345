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
cpu=$(( (after - before) * 1000 / $(getconf CLK_TCK) ))
codes=$(echo "$times" | cut -d' ' -f1 | sort | uniq -c | awk '{printf " %s x%d", $2, $1}')
echo "$times" | cut -d' ' -f2 | sort -n | awk -v n="$n" -v p="$process" -v u="$url" -v cpu="$cpu" -v codes="$codes" \
  -v load="$(cut -d' ' -f1-3 /proc/loadavg)" '{ t[NR] = $1 * 1000 }
  END { printf "%s %s: p50 %.1f ms, p95 %.1f ms, %.2f CPU ms per request (%d requests; HTTP%s); load average %s\n",
        p, u, t[int(n / 2)], t[int(n * 0.95)], cpu / n, n, codes, load }'
