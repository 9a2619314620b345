#!/usr/bin/env bash
# The submission service's two pipeline stages in one JVM (see bench/README.md, "The submission's import and bulk
# submit"): N rows (default 4 000) imported as drafts by four writers at once, then bulk-submitted by the four at once
# until the relay has sent every cmc.submitted; the platform's store in a JVM of its own. Extra -D options as further
# arguments, e.g. a JFR recording:
#   bench/submission.sh 4000 "-XX:StartFlightRecording=filename=$PWD/submit.jfr,settings=profile"
# Not part of ./mvnw verify; no platform, no e2e lock.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
n="${1:-4000}"; shift || true
bench_run services/submission SubmitBenchmark -DargLine="-Xmx768m -Dkcdb.bench.cmcs=$n $*"
bench_report '==== submission benchmark ====' '^load average after'
