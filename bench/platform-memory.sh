#!/usr/bin/env bash
# Where each process of a running ./kcdb up holds its resident memory (issue 15 item 6; bench/README.md, "Gateway and
# platform"): for every process in .kcdb/platform.pid (Keycloak with its java child), the resident size (VmRSS) and
# what of it is anonymous or file-backed (smaps_rollup), and from the JVM (jcmd): the Java heap committed and used, the
# metaspace and class space committed, the code cache used, and the thread count. With the platform started under
# JDK_JAVA_OPTIONS=-XX:NativeMemoryTracking=summary, also NMT's committed total, and its GC, compiler and arena
# (malloc) parts. Reads only; no lock, no load.
#   bench/platform-memory.sh [LABEL]
set -euo pipefail
cd "$(dirname "$0")/.."
label=${1:-now}
jcmd="$(dirname "$(readlink -f "$(command -v java)")")/jcmd"
echo "== $label, load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-13s %6s %6s %6s | %6s %6s %6s %6s %6s %4s | %6s %6s %6s\n' process rss anon file heapC heapU meta class code thr \
  nmt gc comp
total=0
while IFS='=' read -r key pid; do
  case "$key" in *.pid) ;; *) continue ;; esac
  name=${key%.pid}
  [ "$name" = launcher ] && continue
  jvm=$pid
  child=$(pgrep -P "$pid" java || true)   # Keycloak: kc.sh's java
  [ -n "$child" ] && jvm=$child
  [ -r "/proc/$jvm/smaps_rollup" ] || continue
  rss=$(( $(awk '/^Rss:/ {print $2}' "/proc/$jvm/smaps_rollup") / 1024 ))
  anon=$(( $(awk '/^Anonymous:/ {print $2}' "/proc/$jvm/smaps_rollup") / 1024 ))
  file=$(( rss - anon ))
  total=$(( total + rss ))
  heap=$("$jcmd" "$jvm" GC.heap_info 2>/dev/null || true)
  # Serial: " def new generation   total 9792K, used 4321K [...", " tenured generation   total ...", " Metaspace
  # used 12345K, committed 12800K, reserved ...", "  class space    used ..., committed ..., reserved ..."
  kb() { echo "$heap" | grep -E "$1" | grep -oE "$2 [0-9]+K" | grep -oE '[0-9]+' | awk '{s+=$1} END {printf "%d", s/1024}'; }
  heapC=$(kb 'generation' total)
  heapU=$(kb 'generation' used)
  meta=$(kb '^ *Metaspace' committed)
  class=$(kb 'class space' committed)
  code=$("$jcmd" "$jvm" Compiler.codecache 2>/dev/null | awk '/used=/ {for (i=1;i<=NF;i++) if ($i ~ /^used=/) {v=$i; gsub("used=|Kb","",v); s+=v}} END {printf "%d", s/1024}')
  thr=$(ls "/proc/$jvm/task" | wc -l)
  nmt=$("$jcmd" "$jvm" VM.native_memory summary scale=MB 2>/dev/null || true)
  nmtT=$(echo "$nmt" | awk '/^Total:/ {v=$0; sub(/.*committed=/,"",v); sub(/MB.*/,"",v); print v}')
  part() { echo "$nmt" | awk -v k="$1" '$0 ~ "^-  *"k" \\(" {v=$0; sub(/.*committed=/,"",v); sub(/MB.*/,"",v); print v}'; }
  printf '%-13s %6s %6s %6s | %6s %6s %6s %6s %6s %4s | %6s %6s %6s\n' "$name" "$rss" "$anon" "$file" "$heapC" "$heapU" \
    "${meta:--}" "${class:--}" "${code:--}" "$thr" "${nmtT:--}" "$(part GC)" "$(part Compiler)"
done < .kcdb/platform.pid
echo "total resident: $total MB (MB throughout; heapC/heapU: Java heap committed/used; meta/class: metaspace and class space committed)"
