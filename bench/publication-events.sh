#!/usr/bin/env bash
# The publication service's CPU on the pipeline's events in one JVM (see bench/README.md, "The publication's own
# CPU"): N CMCs (default 300) of the review stage's 13 events, then their approvals, through the real broker into the
# service; CPU per CMC by stage and thread, and the store commands per CMC. Extra JVM options as further arguments,
# e.g. a JFR recording:
#   bench/publication-events.sh 300 "-XX:StartFlightRecording=filename=$PWD/publication.jfr,settings=profile"
# Not part of ./mvnw verify; no platform, no e2e lock.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
n="${1:-300}"; shift || true
bench_run services/publication PipelineEventsBenchmark \
  -DargLine="-Xmx768m -Dkcdb.outbox.interval=PT5S -Dkcdb.bench.cmcs=$n $*"
bench_report '==== publication pipeline-events benchmark ====' '^==== end ===='
