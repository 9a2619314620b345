#!/usr/bin/env bash
# Single submits (POST /api/cmcs/{id}/submit; issue 15 item 7's load on the submission service) in one JVM: N drafts
# (default 2 000) imported by four writers, then submitted one command each, 200 in flight, in six parts alternating
# the commands as they were (the whole CMC written at every change) and as now (see bench/README.md, "The event hop",
# single submits). The platform's store in a JVM of its own. Extra -D options as further arguments, e.g. a JFR
# recording:  bench/single-submit.sh 2000 "-XX:StartFlightRecording=filename=$PWD/single.jfr,settings=profile"
# Over HTTP (the web layer, the token's check and the answer too; before and after are Spring Security's observations
# on and off): bench/single-submit.sh 2400 "-Dkcdb.bench.single.http=true"
# Not part of ./mvnw verify; no platform, no e2e lock.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
n="${1:-2000}"; shift || true
bench_run services/submission 'SubmitBenchmark#singleSubmits' -Dkcdb.bench.single=true \
  -DargLine="-Xmx768m -Dkcdb.bench.cmcs=$n -Dkcdb.bench.single=true $*"
bench_report '==== single submit benchmark ====' '^load average after'
