#!/usr/bin/env bash
# The submission service's two pipeline stages in one JVM (see bench/README.md, "The submission's import and bulk
# submit"): N rows (default 4 000) imported as drafts by four writers at once, then bulk-submitted by the four at once
# until the relay has sent every cmc.submitted; the platform's store in a JVM of its own. Extra -D options as further
# arguments, e.g. a JFR recording:
#   bench/submission.sh 4000 "-XX:StartFlightRecording=filename=$PWD/submit.jfr,settings=profile"
# Not part of ./mvnw verify; no platform, no e2e lock.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-4000}"; shift || true
log=target-bench-submission.log
./mvnw -B -ntp -q -pl services/submission -am test -Dtest=SubmitBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dkcdb.bench=true -DargLine="-Xmx768m -Dkcdb.bench.cmcs=$n $*" \
  > "$log" 2>&1 || { tail -80 "$log"; exit 1; }
sed -n '/==== submission benchmark ====/,/^load average after/p' "$log"
rm -f "$log"
